package io.crm.etl.conform;

import java.time.ZoneId;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds silver.order_lines, silver.orders and silver.products from the staged transactions and
 * silver.identities (views stg_transactions, identities); registers order_lines and orders as
 * views. Dates are in the business time zone; the fact tables are partitioned by order_date.
 */
public final class OrdersBuilder {
  private final SparkSession spark;
  private final SilverWriter writer;
  private final ZoneId zone;

  public OrdersBuilder(SparkSession spark, SilverWriter writer, ZoneId zone) {
    this.spark = spark;
    this.writer = writer;
    this.zone = zone;
  }

  /**
   * Rows written per table, the transaction rows dropped as duplicate lines, the orders no
   * person could be found for (guest orders with an invalid e-mail; kept with customer_id NULL)
   * and the anonymous orders (neither customer id nor e-mail; kept as sales without a customer).
   */
  public record Result(long orderLines, long orders, long products, long duplicateLines, long unresolvedOrders, long anonymousOrders) {}

  public Result run() {
    Map<String, Object> params = Map.of("timezone", zone.getId());
    Dataset<Row> lines = writer.write("order_lines", SilverSql.run(spark, "order_lines", params), "order_date");
    lines.createOrReplaceTempView("order_lines");
    Dataset<Row> orders = writer.write("orders", SilverSql.run(spark, "orders", params), "order_date");
    orders.createOrReplaceTempView("orders");
    writer.write("products", SilverSql.run(spark, "products", params), null);
    Row dupes =
        spark.sql(
                "SELECT (SELECT count(*) FROM stg_transactions)"
                    + " - (SELECT count(*) FROM order_lines WHERE NOT is_derived_return) AS duplicates,"
                    + " (SELECT count(*) FROM orders WHERE customer_id IS NULL AND NOT is_anonymous) AS unresolved,"
                    + " (SELECT count(*) FROM orders WHERE is_anonymous) AS anonymous")
            .first();
    Map<String, Long> rows = writer.rows();
    return new Result(rows.get("order_lines"), rows.get("orders"), rows.get("products"), dupes.getLong(0), dupes.getLong(1), dupes.getLong(2));
  }
}
