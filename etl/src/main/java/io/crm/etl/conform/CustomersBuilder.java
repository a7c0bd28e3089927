package io.crm.etl.conform;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds silver.customers, one row per resolved person, from silver.identities, orders and
 * contacts (views of the same names).
 */
public final class CustomersBuilder {
  private final SparkSession spark;
  private final SilverWriter writer;

  public CustomersBuilder(SparkSession spark, SilverWriter writer) {
    this.spark = spark;
    this.writer = writer;
  }

  /** customers: rows written; registered: customers with at least one source customer_id. */
  public record Result(long customers, long registered) {}

  public Result run() {
    long registered =
        writer.write("customers", SilverSql.run(spark, "customers", Map.of()), null).where("is_registered").count();
    return new Result(writer.rows().get("customers"), registered);
  }
}
