package io.crm.etl.conform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds silver.customers, one row per resolved person, from silver.identities, orders and
 * contacts (views of the same names).
 *
 * <p>A person's row reads only that person's identities, contacts and orders, so a night that
 * knows whose of those it changed (before and after: a merge changes two persons) derives
 * again only their rows and keeps the others of the last run's table.
 */
public final class CustomersBuilder {
  /** The views a person's row is derived from, each with its customer_id column. */
  private static final List<String> INPUTS = List.of("identities", "contacts", "orders");

  private final SparkSession spark;
  private final SilverWriter writer;

  public CustomersBuilder(SparkSession spark, SilverWriter writer) {
    this.spark = spark;
    this.writer = writer;
  }

  /** customers: rows written; builtAgain: rows derived this run (all, unless only some persons' were). */
  public record Result(long customers, long builtAgain) {}

  /**
   * @param touchedPersons the customer_id of every person whose identities, contacts or orders
   *     this run changed, as they were and as they are; null derives every person's row
   * @param before silver.customers as the last run wrote it (null: none)
   */
  public Result run(Dataset<Row> touchedPersons, Dataset<Row> before) {
    Dataset<Row> all = SilverSql.run(spark, "customers", Map.of());
    if (touchedPersons == null || before == null || !Conform.sameColumns(before, all)) {
      writer.write("customers", all, null);
      long rows = writer.rows().get("customers");
      return new Result(rows, rows);
    }
    Dataset<Row> persons = touchedPersons.where(col("customer_id").isNotNull()).distinct().localCheckpoint();
    Map<String, Dataset<Row>> theirRows = new LinkedHashMap<>();
    for (String input : INPUTS) {
      Dataset<Row> rows = spark.table(input);
      theirRows.put(input, rows.join(broadcast(persons), rows.col("customer_id").equalTo(persons.col("customer_id")), "left_semi"));
    }
    Dataset<Row> rebuilt = SilverSql.withViews(spark, theirRows, () -> SilverSql.run(spark, "customers", Map.of())).localCheckpoint();
    String[] columns = all.columns();
    Dataset<Row> kept = before.join(broadcast(persons), before.col("customer_id").equalTo(persons.col("customer_id")), "left_anti");
    writer.write("customers", kept.selectExpr(columns).union(rebuilt.selectExpr(columns)), null);
    return new Result(writer.rows().get("customers"), rebuilt.count());
  }
}
