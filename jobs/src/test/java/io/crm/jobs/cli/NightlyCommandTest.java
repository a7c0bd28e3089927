package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.ledger.RunLedger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole nightly graph on generated data, then the served cubes checked against the silver
 * tables with SQL written here, straight over the Parquet files.
 */
class NightlyCommandTest {
  private static final String AS_OF = "2024-12-30";

  @TempDir static Path home;
  private static String output;
  private static int exit;

  @BeforeAll
  static void runNightly() {
    assertEquals(ExitCode.OK, crm("generate", "--home", home.toString(), "--customers", "400", "--days", "366", "--seed", "7"));
    exit = crm("nightly", "--home", home.toString(), "--as-of", AS_OF);
  }

  private static int crm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Crm.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    output = out + "\n" + err;
    return code;
  }

  @Test
  void everyStepRunsAndIsRecordedInTheLedger() {
    assertEquals(ExitCode.OK, exit, output);
    List<RunLedger.Entry> entries = new RunLedger(home.resolve("warehouse/_runs")).entries();
    Set<String> jobs = entries.stream().map(RunLedger.Entry::job).collect(Collectors.toSet());
    assertTrue(jobs.containsAll(Set.of("ingest", "conform", "segment", "cubes")), jobs.toString());
    assertTrue(entries.stream().allMatch(e -> e.outcome().equals("ok")), entries.toString());
  }

  @Test
  void salesCubeCellsEqualAggregatesOverSilver() throws SQLException {
    String silver = home.resolve("warehouse/silver").toString();
    String lines = "read_parquet('" + silver + "/order_lines/**/*.parquet', hive_partitioning = true)";
    String orders = "read_parquet('" + silver + "/orders/**/*.parquet', hive_partitioning = true)";
    String direct =
        "SELECT CAST(year(l.order_date) AS VARCHAR) AS y, o.channel AS c, SUM(l.line_amount) AS net, "
            + "COUNT(DISTINCT l.order_id) AS n, COUNT(DISTINCT l.customer_id) AS k "
            + "FROM " + lines + " l JOIN " + orders + " o USING (order_id) "
            + "WHERE o.status <> 'cancelled' AND l.order_date <= DATE '" + AS_OF + "' GROUP BY ALL";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("crm.duckdb"));
        Statement st = c.createStatement()) {
      Map<String, double[]> expected = new HashMap<>();
      try (ResultSet rs = st.executeQuery(direct)) {
        while (rs.next()) {
          expected.put(rs.getString("y") + "|" + rs.getString("c"), new double[] {rs.getDouble("net"), rs.getLong("n"), rs.getLong("k")});
        }
      }
      assertTrue(expected.size() >= 3, "some sales to compare: " + expected.keySet());
      int cells = 0;
      try (ResultSet rs = st.executeQuery(
          "SELECT year, channel, net_revenue, orders, customers FROM cubes.sales WHERE grouping_set = 'year,channel'")) {
        while (rs.next()) {
          double[] e = expected.get(rs.getString("year") + "|" + rs.getString("channel"));
          assertTrue(e != null, "cube cell with no silver rows: " + rs.getString("year") + " " + rs.getString("channel"));
          assertEquals(e[0], rs.getDouble("net_revenue"), 1e-6);
          assertEquals((long) e[1], rs.getLong("orders"));
          assertEquals((long) e[2], rs.getLong("customers"));
          cells++;
        }
      }
      assertEquals(expected.size(), cells);

      try (ResultSet rs = st.executeQuery(
          "SELECT (SELECT sessions FROM cubes.web WHERE grouping_set = '(total)'), "
              + "(SELECT count(*) FROM read_parquet('" + silver + "/sessions/**/*.parquet', hive_partitioning = true) "
              + " WHERE NOT is_bot AND session_date <= DATE '" + AS_OF + "')")) {
        rs.next();
        assertEquals(rs.getLong(2), rs.getLong(1), "web sessions reconcile with silver");
      }
      try (ResultSet rs = st.executeQuery(
          "SELECT (SELECT customers FROM cubes.customers WHERE grouping_set = '(total)'), (SELECT count(*) FROM gold.segments)")) {
        rs.next();
        assertEquals(rs.getLong(2), rs.getLong(1), "customers cube counts every segmented customer");
      }
    }
  }
}
