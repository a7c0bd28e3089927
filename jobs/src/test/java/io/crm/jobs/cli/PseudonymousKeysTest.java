package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import io.crm.jobs.workspace.WorkspaceSecret;
import io.crm.warehouse.KeyedHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a whole night on generated data ({@link QuarterShop}), gold, the cubes and the analysts' crm.duckdb name
 * customers only by their keyed hash: no customer id, e-mail address or cookie id of silver is in
 * any of them, searched in the text of every row. The owner gets back to the person through the
 * pseudonym map and the exports.
 */
class PseudonymousKeysTest {
  private static final String AS_OF = QuarterShop.AS_OF;

  @TempDir static Path home;
  private static Workspace workspace;
  /** Customer ids (resolved and from the sources), e-mail addresses and cookie ids of silver. */
  private static Set<String> ids;
  private static Set<String> emails;

  @BeforeAll
  static void night() throws SQLException {
    QuarterShop.copyNightTo(home);
    workspace = Workspace.open(home);
    ids = new TreeSet<>();
    emails = new TreeSet<>();
    try (Connection c = DuckDbCatalog.openRestricted(workspace); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT customer_id FROM silver.customers "
          + "UNION SELECT unnest(source_customer_ids) FROM silver.customers "
          + "UNION SELECT identity_value FROM silver.identities WHERE identity_type IN ('customer_id', 'cookie')")) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT lower(email) FROM silver.customers WHERE email IS NOT NULL "
          + "UNION SELECT identity_value FROM silver.identities WHERE identity_type = 'email'")) {
        while (rs.next()) {
          emails.add(rs.getString(1));
        }
      }
    }
    assertTrue(ids.size() > 100 && emails.size() > 100, ids.size() + " ids, " + emails.size() + " e-mails to look for");
  }

  /**
   * Rows of {@code from} (a FROM item) whose text holds one of the ids (case as written: ids
   * spelt in lower case could hide in hex keys by chance) or e-mails (any case), with the value.
   */
  private static List<String> mentions(Statement st, String from) throws SQLException {
    List<String> found = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SELECT DISTINCT n.v FROM (SELECT CAST(t AS VARCHAR) AS txt FROM " + from + " t) r "
        + "JOIN needles n ON CASE WHEN n.is_email THEN contains(lower(r.txt), n.v) ELSE contains(r.txt, n.v) END LIMIT 5")) {
      while (rs.next()) {
        found.add(rs.getString(1));
      }
    }
    return found;
  }

  /** An in-memory connection holding the values to look for as the table {@code needles}. */
  private static Connection searcher() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE needles (v VARCHAR, is_email BOOLEAN)");
    }
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO needles VALUES (?, ?)")) {
      for (String id : ids) {
        ins.setString(1, id);
        ins.setBoolean(2, false);
        ins.addBatch();
      }
      for (String e : emails) {
        ins.setString(1, e);
        ins.setBoolean(2, true);
        ins.addBatch();
      }
      ins.executeBatch();
    }
    return c;
  }

  @Test
  void noGoldOrCubeFileHoldsACustomerIdOrAnEmail() throws SQLException, IOException {
    Path gold = home.resolve("warehouse/gold");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(gold)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    int parquet = 0;
    Map<String, List<String>> leaks = new LinkedHashMap<>();
    try (Connection c = searcher(); Statement st = c.createStatement()) {
      for (Path f : files) {
        if (f.toString().endsWith(".parquet")) {
          parquet++;
          List<String> found = mentions(st, "read_parquet('" + f.toString().replace("'", "''") + "')");
          if (!found.isEmpty()) {
            leaks.put(gold.relativize(f).toString(), found);
          }
        } else if (!f.getFileName().toString().endsWith(".crc")) {
          // model files and metadata: searched as bytes
          String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          List<String> found = Stream.concat(ids.stream(), emails.stream()).filter(text::contains).limit(5).toList();
          if (!found.isEmpty()) {
            leaks.put(gold.relativize(f).toString(), found);
          }
        }
      }
    }
    try (Connection c = searcher(); Statement st = c.createStatement()) {
      // the search finds what is there: silver's restricted customers table is full of it
      String customers = home.resolve("warehouse/silver/customers").toString().replace("'", "''");
      assertFalse(mentions(st, "read_parquet('" + customers + "/**/*.parquet')").isEmpty(), "ids found in silver.customers");
    }
    assertTrue(files.stream().anyMatch(f -> f.toString().contains("/cubes/sales/")), "the sales cube was built");
    assertTrue(parquet > 10, parquet + " Parquet files in gold");
    assertEquals(Map.of(), leaks);
  }

  @Test
  void noAnalystViewHoldsAPersonalColumnOrValue() throws SQLException {
    Map<String, List<String>> leaks = new LinkedHashMap<>();
    List<String> views = new ArrayList<>();
    try (Connection c = searcher(); Statement st = c.createStatement()) {
      st.execute("ATTACH '" + home.resolve("crm.duckdb").toString().replace("'", "''") + "' AS crm (READ_ONLY)");
      try (ResultSet rs = st.executeQuery(
          "SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = 'crm' AND NOT internal ORDER BY 1, 2")) {
        while (rs.next()) {
          views.add(rs.getString(1) + "." + rs.getString(2));
        }
      }
      for (String view : views) {
        String from = "crm." + view.replace(".", ".\"") + "\"";
        try (ResultSet rs = st.executeQuery("DESCRIBE " + from)) {
          while (rs.next()) {
            if (DuckDbCatalog.PERSONAL_COLUMNS.contains(rs.getString(1))) {
              leaks.computeIfAbsent(view, v -> new ArrayList<>()).add("column " + rs.getString(1));
            }
          }
        }
        List<String> found = mentions(st, from);
        if (!found.isEmpty()) {
          leaks.computeIfAbsent(view, v -> new ArrayList<>()).addAll(found);
        }
      }
    }
    assertTrue(views.containsAll(List.of("silver.orders", "silver.order_lines", "silver.sessions", "silver.page_views",
        "gold.segments", "gold.customer_features", "gold.clv", "gold_history.segments", "cubes.sales")), views.toString());
    assertTrue(views.stream().noneMatch(v -> v.startsWith("bronze.") || v.startsWith("quarantine.")
        || List.of("silver.customers", "silver.identities", "silver.web_identity_hits", "silver.contacts",
            "silver.session_hits", "silver.session_users", "silver.session_hit_files", "silver.session_customers",
            "silver.staged_transactions", "silver.staged_contacts", "silver.staged_surveys", "silver.staged_files")
            .contains(v)), views.toString());
    assertEquals(Map.of(), leaks);
  }

  @Test
  void theKeyIsTheKeyedHashOfTheCustomerIdAndLeadsToTheSameFigures() throws SQLException {
    KeyedHash keys = WorkspaceSecret.load(workspace, false);
    String id;
    double revenue;
    try (Connection c = DuckDbCatalog.openRestricted(workspace); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT customer_id, sum(net_amount) FROM silver.orders WHERE customer_id IS NOT NULL "
            + "AND status <> 'cancelled' AND order_date <= DATE '" + AS_OF + "' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1")) {
      assertTrue(rs.next());
      id = rs.getString(1);
      revenue = rs.getDouble(2);
    }
    try (Connection c = DuckDbCatalog.openReadOnly(workspace);
        PreparedStatement st = c.prepareStatement("SELECT monetary_total FROM gold.segments WHERE customer_key = ?")) {
      st.setString(1, keys.of(id));
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next(), "gold.segments has the key of " + id);
        assertEquals(revenue, rs.getDouble(1), 0.005, "the best customer's revenue under their key");
      }
    }
  }

  @Test
  void theOwnerMapsKeysBackToCustomerIds() throws Exception {
    KeyedHash keys = WorkspaceSecret.load(workspace, false);
    Path map = home.resolve("private/pseudonyms.csv");
    String out = CrmRun.ok("gdpr", "pseudonyms", "--home", home.toString(), "--out", map.toString());
    assertTrue(out.contains("customer keys -> " + map), out);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(map)));
    List<CSVRecord> rows;
    try (CSVParser p = CSVParser.parse(map, StandardCharsets.UTF_8, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
      rows = p.getRecords();
    }
    long customers;
    try (Connection c = DuckDbCatalog.openRestricted(workspace); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM silver.customers")) {
      rs.next();
      customers = rs.getLong(1);
    }
    assertEquals(customers, rows.size());
    for (CSVRecord r : rows) {
      assertEquals(keys.of(r.get("customer_id")), r.get("customer_key"), r.toString());
    }
  }

  @Test
  void exportsStillNameThePeopleThemselves() throws Exception {
    Path file = home.resolve("all.csv");
    CrmRun.ok("export", "--home", home.toString(), "--columns", "customer_id,email,clv", "--out", file.toString());
    List<CSVRecord> rows;
    try (CSVParser p = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
      rows = p.getRecords();
    }
    assertFalse(rows.isEmpty(), "someone on the generated data consented");
    for (CSVRecord r : rows) {
      assertTrue(ids.contains(r.get("customer_id")), r.get("customer_id") + " is a customer id of silver");
      assertTrue(emails.contains(r.get("email").toLowerCase(java.util.Locale.ROOT)), r.get("email") + " is an address of silver");
    }
  }
}
