package io.crm.jobs.cli;

import io.crm.warehouse.Warehouse;
import org.apache.hadoop.conf.Configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.analytics.cubes.CubeDefinition;
import io.crm.jobs.ledger.RunLedger;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import io.crm.sql.SqlModels;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    CrmRun r = CrmRun.of(args);
    output = r.out() + "\n" + r.err();
    return r.exit();
  }

  /**
   * A model no job loads is dead code that still looks like the truth: after a whole night and an
   * incremental conform (some models serve only that), every .sql file of the crm-sql module on
   * the classpath must have been loaded. Models loaded by other test classes in this JVM count
   * too, so the incremental run is made here rather than relied upon.
   */
  @Test
  void everySqlModelIsLoadedByAFullNightAndAnIncrementalConform(@TempDir Path small) throws Exception {
    assertEquals(ExitCode.OK, exit, output);
    CrmRun.ok("generate", "--home", small.toString(), "--customers", "30", "--days", "28", "--seed", "3");
    CrmRun.ok("ingest", "--home", small.toString());
    CrmRun.ok("conform", "--home", small.toString());
    // the first two days after these 30 customers' four weeks bring no row (a conform would then
    // have nothing new to do), the third brings web traffic
    CrmRun.ok("generate", "--home", small.toString(), "--continue-days", "3");
    CrmRun.ok("ingest", "--home", small.toString());
    String incremental = CrmRun.ok("conform", "--home", small.toString());
    Matcher built = Pattern.compile("orders: ([0-9,]+) of ([0-9,]+) built").matcher(incremental);
    assertTrue(built.find(), incremental);
    assertTrue(Long.parseLong(built.group(1).replace(",", "")) < Long.parseLong(built.group(2).replace(",", "")),
        "the second conform built only some orders: " + built.group());
    Matcher resolved = Pattern.compile("identities: ([0-9,]+) of ([0-9,]+) resolved again").matcher(incremental);
    assertTrue(resolved.find(), incremental);
    assertTrue(Long.parseLong(resolved.group(1).replace(",", "")) < Long.parseLong(resolved.group(2).replace(",", "")),
        "the second conform resolved only some identities again: " + resolved.group());
    Matcher persons = Pattern.compile("contacts: ([0-9,]+) of ([0-9,]+) built, customers: ([0-9,]+) of ([0-9,]+)").matcher(incremental);
    assertTrue(persons.find(), incremental);
    assertTrue(Long.parseLong(persons.group(3).replace(",", "")) < Long.parseLong(persons.group(4).replace(",", "")),
        "the second conform built only some customers again: " + persons.group());
    URI anyModel = SqlModels.class.getClassLoader().getResource("sql/silver/orders.sql").toURI();
    Set<String> models = new TreeSet<>();
    try (FileSystem jar = anyModel.getScheme().equals("jar") ? FileSystems.newFileSystem(anyModel, Map.of()) : null;
        Stream<Path> files = Files.walk(Path.of(anyModel).getParent().getParent())) {
      Path root = Path.of(anyModel).getParent().getParent();
      files.map(f -> root.relativize(f).toString().replace('\\', '/'))
          .filter(f -> f.endsWith(".sql"))
          .forEach(f -> models.add(f.substring(0, f.length() - ".sql".length())));
    }
    assertTrue(models.containsAll(Set.of("silver/orders", "intermediate/web_hits", "gold/customer_features")), models.toString());
    Set<String> unused = new TreeSet<>(models);
    unused.removeAll(SqlModels.loaded());
    assertEquals(Set.of(), unused, "SQL models no job loaded");
  }

  @Test
  void everyStepRunsAndIsRecordedInTheLedger() {
    assertEquals(ExitCode.OK, exit, output);
    List<RunLedger.Entry> entries = new RunLedger(home.resolve("warehouse/_runs")).entries();
    Set<String> jobs = entries.stream().map(RunLedger.Entry::job).collect(Collectors.toSet());
    assertTrue(jobs.containsAll(Set.of("ingest", "conform", "segment", "cubes")), jobs.toString());
    assertTrue(entries.stream().allMatch(e -> e.outcome().equals("ok")), entries.toString());
  }

  /**
   * The cubes' facts restated here in DuckDB's SQL over the silver (and gold) tables, then every
   * grouping set of every cube recomputed as a plain GROUP BY with the cube's measure expressions:
   * every served cell must equal it, and no cell may be missing or extra.
   */
  @Test
  void everyCellOfEveryCubeEqualsAGroupByOverSilver() throws SQLException {
    Map<String, String> facts = Map.of(
        "sales",
        "SELECT " + dateLevels("l.order_date") + ", coalesce(o.country, '(unknown)') AS country, "
            + "coalesce(l.category, '(unknown)') AS category, coalesce(l.sku, '(unknown)') AS product, "
            + "coalesce(o.channel, '(unknown)') AS channel, "
            + "coalesce(s.rfm_segment, CASE WHEN o.is_guest THEN '(guest)' ELSE '(no purchase)' END) AS segment, "
            + "coalesce(s.lifecycle_stage, '(unknown)') AS lifecycle_stage, coalesce(s.value_tier, '(unknown)') AS value_tier, "
            + "l.order_id, l.customer_key, CASE WHEN l.is_return THEN 0 ELSE l.line_amount END AS gross_amount, "
            + "l.line_amount AS net_amount, CASE WHEN l.is_return THEN -l.line_amount ELSE 0 END AS returned_amount, "
            + "CASE WHEN l.is_return THEN 0 ELSE l.quantity END AS units, CASE WHEN l.is_return THEN -l.quantity ELSE 0 END AS returned_units "
            + "FROM silver.order_lines l JOIN silver.orders o ON o.order_id = l.order_id "
            + "LEFT JOIN gold.segments s ON s.customer_key = l.customer_key "
            + "WHERE o.status <> 'cancelled' AND l.order_date <= DATE '" + AS_OF + "'",
        "web",
        "SELECT " + dateLevels("session_date") + ", coalesce(traffic_source, '(unknown)') AS traffic_source, "
            + "coalesce(device_class, '(unknown)') AS device_class, coalesce(landing_page_group, '(unknown)') AS landing_page_group, "
            + "coalesce(cookie_id, session_id) AS visitor_id, page_views, is_bounce, is_converted "
            + "FROM silver.sessions WHERE NOT is_bot AND session_date <= DATE '" + AS_OF + "'",
        "customers",
        "SELECT coalesce(s.rfm_segment, '(no purchase)') AS segment, s.lifecycle_stage, s.value_tier, "
            + "coalesce(s.country, '(unknown)') AS country, v.clv, c.churn_probability, f.last_csat, f.last_nps "
            + "FROM gold.segments s LEFT JOIN gold.customer_features f ON f.customer_key = s.customer_key "
            + "LEFT JOIN gold.clv v ON v.customer_key = s.customer_key LEFT JOIN gold.churn_scores c ON c.customer_key = s.customer_key",
        "satisfaction",
        "SELECT " + dateLevels("r.response_date") + ", coalesce(r.touchpoint, '(unknown)') AS touchpoint, "
            + "coalesce(s.rfm_segment, '(unknown)') AS segment, r.csat, r.nps "
            + "FROM silver.survey_responses r LEFT JOIN gold.segments s ON s.customer_key = r.customer_key "
            + "WHERE r.response_date <= DATE '" + AS_OF + "'");
    // the web facts count visitors by cookie, which only the owner's restricted catalog shows
    try (Connection c = DuckDbCatalog.openRestricted(Workspace.open(home));
        Statement st = c.createStatement()) {
      for (CubeDefinition cube : CubeDefinition.all()) {
        Map<String, Map<List<String>, Map<String, Object>>> served = new HashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT * FROM cubes." + cube.name())) {
          while (rs.next()) {
            Map<String, Object> measures = new HashMap<>();
            for (String m : cube.measures().keySet()) {
              measures.put(m, rs.getObject(m));
            }
            List<String> coordinates = new ArrayList<>();
            for (String level : cube.levels()) {
              coordinates.add(rs.getString(level));
            }
            served.computeIfAbsent(rs.getString("grouping_set"), k -> new HashMap<>()).put(coordinates, measures);
          }
        }
        long expectedCells = 0;
        for (List<String> set : cube.groupingSets()) {
          StringBuilder sql = new StringBuilder("SELECT ");
          for (String level : cube.levels()) {
            sql.append(set.contains(level) ? "CAST(" + level + " AS VARCHAR)" : "NULL").append(" AS ").append(level).append(", ");
          }
          cube.measures().forEach((name, expr) -> sql.append(expr).append(" AS ").append(name).append(", "));
          sql.setLength(sql.length() - 2);
          sql.append(" FROM (").append(facts.get(cube.name())).append(")");
          sql.append(set.isEmpty() ? "" : " GROUP BY " + String.join(", ", set));
          Map<List<String>, Map<String, Object>> cells = served.getOrDefault(CubeDefinition.key(set), Map.of());
          int rows = 0;
          try (ResultSet rs = st.executeQuery(sql.toString())) {
            while (rs.next()) {
              rows++;
              List<String> coordinates = new ArrayList<>();
              for (String level : cube.levels()) {
                coordinates.add(rs.getString(level));
              }
              Map<String, Object> cell = cells.get(coordinates);
              assertNotNull(cell, cube.name() + " " + set + ": no cell " + coordinates);
              for (String m : cube.measures().keySet()) {
                assertTrue(sameNumber(rs.getObject(m), cell.get(m)),
                    cube.name() + " " + set + " " + coordinates + " " + m + ": silver " + rs.getObject(m) + ", cube " + cell.get(m));
              }
            }
          }
          assertEquals(rows, cells.size(), cube.name() + " " + set + ": cells");
          expectedCells += rows;
        }
        assertTrue(expectedCells > cube.groupingSets().size(), cube.name() + ": generated data fills more than one cell per set");
        assertEquals(expectedCells, served.values().stream().mapToLong(Map::size).sum(), cube.name() + ": cells outside the grouping sets");
      }
    }
  }

  private static String dateLevels(String date) {
    return "CAST(year(" + date + ") AS VARCHAR) AS year, year(" + date + ") || '-Q' || quarter(" + date + ") AS quarter, "
        + "strftime(" + date + ", '%Y-%m') AS month, CAST(" + date + " AS VARCHAR) AS day";
  }

  private static boolean sameNumber(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    double x = ((Number) a).doubleValue();
    return Math.abs(x - ((Number) b).doubleValue()) <= 1e-9 * Math.max(1, Math.abs(x));
  }

  @Test
  void salesCubeCellsEqualAggregatesOverSilver() throws SQLException {
    Warehouse warehouse = Warehouse.open(home.resolve("warehouse").toString(), new Configuration());
    String lines = "read_parquet('" + warehouse.silver("order_lines").orElseThrow() + "/**/*.parquet', hive_partitioning = true)";
    String orders = "read_parquet('" + warehouse.silver("orders").orElseThrow() + "/**/*.parquet', hive_partitioning = true)";
    String sessions = warehouse.silver("sessions").orElseThrow();
    String direct =
        "SELECT CAST(year(l.order_date) AS VARCHAR) AS y, o.channel AS c, SUM(l.line_amount) AS net, "
            + "COUNT(DISTINCT l.order_id) AS n, COUNT(DISTINCT l.customer_key) AS k "
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
              + "(SELECT count(*) FROM read_parquet('" + sessions + "/**/*.parquet', hive_partitioning = true) "
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
