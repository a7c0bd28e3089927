package io.crm.warehouse;

import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How silver.sessions and silver.page_views get their person. They are stored without it: a login
 * or order on a later night can give any old session another person, and keeping the person in
 * those large tables made every night rewrite them whole. The small table silver.session_customers
 * maps a session to its customer_id and customer_key (sessions without a person have no row), and
 * every reader joins it here, so readers see the same columns as when the person was stored. A
 * warehouse without the mapping (written by an older version, which kept the person in the
 * tables) is read as it is.
 */
public final class SessionCustomers {
  /** The mapping table: session_id, customer_id, customer_key. */
  public static final String TABLE = "session_customers";
  /** Tables whose person comes from {@link #TABLE}. */
  public static final Set<String> LINKED = Set.of("sessions", "page_views");

  private SessionCustomers() {}

  /**
   * A silver table as readers see it: a linked table with customer_id and customer_key of each
   * row's session (null for anonymous sessions).
   */
  public static Dataset<Row> read(SparkSession spark, Warehouse warehouse, String table) {
    String path = warehouse.silver(table).orElseThrow(() -> new IllegalArgumentException(
        "silver table " + table + " is missing in " + warehouse.root() + " (run `crm conform` first)"));
    Dataset<Row> rows = TableVersions.read(spark, path);
    Optional<String> mapping = warehouse.silver(TABLE);
    if (!LINKED.contains(table) || mapping.isEmpty()) {
      return rows;
    }
    return rows.drop("customer_id", "customer_key").join(TableVersions.read(spark, mapping.get()), "session_id", "left");
  }

  /**
   * The same for DuckDB: the query of a linked table's view, given the scans of its files and of
   * the mapping's. Only for a warehouse that has the mapping (a table written before it existed
   * still holds its person and is scanned as it is).
   */
  public static String duckDbQuery(String tableScan, String mappingScan) {
    return "SELECT t.*, m.customer_id, m.customer_key FROM " + tableScan + " t LEFT JOIN " + mappingScan
        + " m ON m.session_id = t.session_id";
  }
}
