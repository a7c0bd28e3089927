package io.crm.etl.conform;

import static org.apache.spark.sql.functions.expr;

import io.crm.warehouse.TableVersions;
import io.crm.warehouse.Warehouse;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds silver.order_lines, silver.orders and silver.products from the staged transactions and
 * silver.identities (views stg_transactions, identities); registers order_lines and orders as
 * views. Dates are in the business time zone; the fact tables are sorted by order_date, at most
 * so many rows per file, so each file covers a range of days.
 *
 * <p>Everything about an order (its lines, their dedupe and numbering, its person) depends on its
 * own staged rows and the person its customer id or e-mail resolves to, nothing on other orders.
 * An incremental run therefore rebuilds only the orders with a new staged row and the stored
 * orders that silver.identities now gives another person (sql/intermediate/moved_orders.sql),
 * from all of their staged rows, and writes order_lines and orders copy-on-write: the files that
 * hold none of those orders are linked into the new version. A night's orders are mostly of its
 * own day, in the newest file; a merge of two persons moves orders of any age, whose files are
 * written again. The result equals rebuilding every order.
 */
public final class OrdersBuilder {
  /**
   * An order's key in the staged transactions, as order_lines.sql gives it: the order id, else one
   * made of source, file and line (sources without order ids, where every line is an order).
   */
  static final String ORDER_KEY = "coalesce(order_id, concat(_source, ':', _file, ':', CAST(_line AS STRING)))";

  private final SparkSession spark;
  private final SilverWriter writer;
  private final Warehouse warehouse;
  private final Map<String, Object> params;
  private final long rowsPerFile;

  /** @param rowsPerFile the most rows a data file of order_lines or orders gets */
  public OrdersBuilder(SparkSession spark, SilverWriter writer, Warehouse warehouse, ZoneId zone, long rowsPerFile) {
    if (rowsPerFile <= 0) {
      throw new IllegalArgumentException("rows per file must be positive, not " + rowsPerFile);
    }
    this.spark = spark;
    this.writer = writer;
    this.warehouse = warehouse;
    this.params = Map.of("timezone", zone.getId());
    this.rowsPerFile = rowsPerFile;
  }

  /**
   * Rows written per table, the transaction rows dropped as duplicate lines, the orders no
   * person could be found for (guest orders with an invalid e-mail; kept with customer_id NULL),
   * the anonymous orders (neither customer id nor e-mail; kept as sales without a customer) and
   * the orders this run built (all of them unless it ran incrementally), and when it did, the
   * customer_id of each order built, as it was and as it is (null when all were built).
   */
  public record Result(
      long orderLines, long orders, long products, long duplicateLines, long unresolvedOrders, long anonymousOrders,
      long rebuiltOrders, Dataset<Row> touchedPersons) {}

  /**
   * @param newTransactions the staged transactions that arrived since the last run, all of which
   *     are in stg_transactions too; null when stg_transactions was staged anew (a full refresh)
   */
  public Result run(Dataset<Row> newTransactions) {
    Dataset<Row> storedLines = TableVersions.silver(spark, warehouse, "order_lines");
    Dataset<Row> storedOrders = TableVersions.silver(spark, warehouse, "orders");
    boolean incremental = newTransactions != null && storedLines != null && storedOrders != null
        && Conform.sameColumns(storedLines, SilverSql.run(spark, "order_lines", params))
        && ordersColumnsUnchanged(storedLines, storedOrders);
    Dataset<Row> lines;
    Dataset<Row> orders;
    long rebuilt;
    Dataset<Row> touchedPersons = null;
    if (incremental) {
      storedOrders.createOrReplaceTempView("stored_orders");
      Dataset<Row> replaced = writer.writeWork("rebuilt_orders",
          newTransactions.select(expr(ORDER_KEY).as("order_id"))
              .union(SilverSql.intermediate(spark, "moved_orders", params))
              .distinct());
      rebuilt = replaced.count();
      Dataset<Row> allStaged = spark.table("stg_transactions");
      // the staged rows of the rebuilt orders stand in for all of them while the model runs
      Dataset<Row> theirRows = allStaged.withColumn("_order_key", expr(ORDER_KEY))
          .join(replaced.withColumnRenamed("order_id", "_order_key"), "_order_key", "left_semi")
          .drop("_order_key");
      Dataset<Row> newLines = writer.writeWork("rebuilt_order_lines",
          SilverSql.withViews(spark, Map.of("stg_transactions", theirRows), () -> SilverSql.run(spark, "order_lines", params)));
      newLines.createOrReplaceTempView("order_lines");
      Dataset<Row> newOrders = writer.writeWork("rebuilt_order_rows", SilverSql.run(spark, "orders", params));
      lines = writer.writePatched("order_lines", "order_id", replaced, newLines, null, "order_date", rowsPerFile);
      orders = writer.writePatched("orders", "order_id", replaced, newOrders, null, "order_date", rowsPerFile);
      lines.createOrReplaceTempView("order_lines");
      touchedPersons = newOrders.select("customer_id")
          .union(storedOrders.join(replaced, storedOrders.col("order_id").equalTo(replaced.col("order_id")), "left_semi")
              .select("customer_id"));
    } else {
      lines = writer.writeLinking("order_lines", SilverSql.run(spark, "order_lines", params), "order_date", rowsPerFile,
          List.of());
      lines.createOrReplaceTempView("order_lines");
      orders = writer.writeLinking("orders", SilverSql.run(spark, "orders", params), "order_date", rowsPerFile,
          List.of());
      rebuilt = writer.rows().get("orders");
    }
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
    return new Result(rows.get("order_lines"), rows.get("orders"), rows.get("products"), dupes.getLong(0), dupes.getLong(1),
        dupes.getLong(2), rebuilt, touchedPersons);
  }

  /** Whether orders.sql over the stored order lines gives the stored orders' columns; reads no row. */
  private boolean ordersColumnsUnchanged(Dataset<Row> storedLines, Dataset<Row> storedOrders) {
    storedLines.createOrReplaceTempView("order_lines");
    return Conform.sameColumns(storedOrders, SilverSql.run(spark, "orders", params));
  }
}
