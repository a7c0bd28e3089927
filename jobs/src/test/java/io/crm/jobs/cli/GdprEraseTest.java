package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * `crm gdpr erase` on a copy of {@link QuarterShop} after its night and an export.
 * The erased person is picked from the data: a customer with orders, web traffic under cookies
 * and an address in the export; a rejected order line naming them is added to landing so
 * quarantine holds them too. Every file of the warehouse and crm.duckdb is then searched for
 * the person's identifiers and IP addresses, byte by byte and (as Parquet compresses and
 * dictionary-encodes strings) through every Parquet file's decoded rows. The same search finds
 * each of them before the erase and another customer's address after it, so its silence means
 * something.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GdprEraseTest {
  private static final String AS_OF = QuarterShop.AS_OF;
  private static final String EARLIER = "2024-03-15";

  @TempDir static Path home;

  /** The person: e-mail, customer ids, cookies and the IP addresses (as stored) only their rows have. */
  static String email;
  static Set<String> emails;
  static Set<String> ids;
  static Set<String> cookies;
  static Set<String> ips;
  static Set<String> keys;
  /** Another exported customer, who stays. */
  static String otherEmail;
  static long silverOrdersBefore;
  static long personOrders;
  static long salesOrdersBefore;
  static long customersCubeBefore;
  static String eraseOutput;

  @BeforeAll
  static void erasedShop() throws Exception {
    QuarterShop.copyNightTo(home);
    // an earlier snapshot, which an erasure cannot recompute as it was and must filter
    CrmRun.ok("segment", "--home", home.toString(), "--as-of", EARLIER);
    Path export = home.resolve("exports/everyone.csv");
    CrmRun.ok("export", "--home", home.toString(), "--out", export.toString());
    Set<String> exported = Files.readAllLines(export, StandardCharsets.UTF_8).stream()
        .flatMap(l -> Stream.of(l.split("[,;]")))
        .filter(f -> f.contains("@"))
        .map(f -> f.replace("\"", "").strip().toLowerCase(Locale.ROOT))
        .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(exported.size() > 2, "the export holds addresses: " + exported);

    try (Connection c = duckdb()) {
      String person = first(c, "SELECT i.customer_id FROM silver.identities i"
          + " WHERE i.identity_type = 'email' AND i.identity_value IN (" + literals(exported) + ")"
          + " AND EXISTS (SELECT 1 FROM silver.order_lines l WHERE l.customer_id = i.customer_id AND l.order_date < DATE '" + EARLIER + "')"
          + " AND EXISTS (SELECT 1 FROM silver.identities k JOIN bronze.web_logs w ON w.cookie_id = k.identity_value"
          + "             WHERE k.customer_id = i.customer_id AND k.identity_type = 'cookie')"
          + " ORDER BY i.customer_id LIMIT 1");
      email = first(c, "SELECT identity_value FROM silver.identities WHERE customer_id = '" + person
          + "' AND identity_type = 'email' AND identity_value IN (" + literals(exported) + ") ORDER BY 1 LIMIT 1");
      emails = column(c, "SELECT identity_value FROM silver.identities WHERE customer_id = '" + person + "' AND identity_type = 'email'");
      ids = column(c, "SELECT identity_value FROM silver.identities WHERE customer_id = '" + person
          + "' AND identity_type = 'customer_id' UNION SELECT '" + person + "'");
      cookies = column(c, "SELECT identity_value FROM silver.identities WHERE customer_id = '" + person + "' AND identity_type = 'cookie'");
      keys = column(c, "SELECT DISTINCT customer_key FROM silver.identities WHERE customer_id = '" + person + "'");
      String mine = "w.cookie_id IN (" + literals(cookies) + ")";
      String mineEvents = "(e.anonymous_id IN (" + literals(cookies) + ") OR e.user_id IN (" + literals(ids) + "))";
      Set<String> theirs = column(c, "SELECT w.ip FROM bronze.web_logs w WHERE " + mine
          + " UNION SELECT e.ip FROM bronze.web_events e WHERE " + mineEvents);
      Set<String> others = column(c, "SELECT w.ip FROM bronze.web_logs w WHERE NOT coalesce(" + mine + ", false)"
          + " UNION SELECT e.ip FROM bronze.web_events e WHERE NOT coalesce(" + mineEvents + ", false)");
      // an address that is part of someone else's (12.3.4.0 in 112.3.4.0) would be found in their rows
      ips = theirs.stream().filter(ip -> others.stream().noneMatch(o -> o.contains(ip))).collect(Collectors.toCollection(TreeSet::new));
      otherEmail = exported.stream().filter(e -> !e.equals(email)).findFirst().orElseThrow();
      silverOrdersBefore = count(c, "SELECT count(*) FROM silver.orders");
      personOrders = count(c, "SELECT count(*) FROM silver.orders WHERE customer_id IN (" + literals(ids) + ")");
    }
    assertFalse(ips.isEmpty(), "the person has IP addresses no one else has");
    assertEquals(1, keys.size(), "one pseudonymous key: " + keys);
    assertTrue(personOrders > 0);
    salesOrdersBefore = cubeTotal("sales", "orders");
    customersCubeBefore = cubeTotal("customers", "customers");
    assertEquals(salesOrdersInSilver(), salesOrdersBefore, "the sales cube reconciles with silver before");

    // a rejected line of the shop naming the person (its date cannot be read): quarantine holds it
    String id = ids.stream().filter(i -> i.length() >= 4).findFirst().orElseThrow();
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(home.resolve("landing/transactions/late-fix.csv.gz")))) {
      out.write(("order_id,order_ts,customer_id,email,sku,product_name,category,quantity,unit_price,discount,amount,currency,channel,country,status\n"
          + "OX-1,yesterday noon," + id + "," + email + ",SKU-1001,Kopfhörer Classic,electronics,1,10.00,0,10.00,EUR,web,DE,delivered\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    CrmRun.ok("ingest", "--home", home.toString());
    try (Connection c = duckdb()) {
      assertEquals(1, count(c, "SELECT count(*) FROM quarantine.transactions WHERE contains(raw_text, '" + email + "')"),
          "the added line is quarantined");
    }
    for (String needle : needles()) {
      assertTrue(decodedSearch(needle) || rawSearch(needle), needle + " is found before the erase: the search can see it");
    }
    eraseOutput = CrmRun.ok("gdpr", "erase", "--home", home.toString(), "--email", email.toUpperCase(Locale.ROOT));
  }

  /** Everything the test looks for: the e-mail, customer ids, cookies, IP addresses and the pseudonymous key. */
  private static List<String> needles() {
    List<String> out = new ArrayList<>();
    out.addAll(emails);
    out.addAll(ids);
    out.addAll(cookies);
    out.addAll(ips);
    out.addAll(keys);
    return out;
  }

  @Test
  @Order(1)
  void noFileOfTheWarehouseNorCrmDuckdbHoldsThePerson() throws Exception {
    assertTrue(eraseOutput.contains("rows removed"), eraseOutput);
    for (String needle : needles()) {
      assertFalse(rawSearch(needle), needle + " is in a file, byte for byte: " + filesWith(needle));
      assertFalse(decodedSearch(needle), needle + " is in a Parquet file's rows");
    }
    assertTrue(rawSearch(otherEmail) || decodedSearch(otherEmail), "another customer stays, and the search finds them");
    assertTrue(decodedSearch(otherEmail));
    try (Connection c = duckdb()) {
      assertEquals(0, count(c, "SELECT count(*) FROM silver.identities WHERE identity_value IN (" + literals(needles()) + ")"));
      assertEquals(0, count(c, "SELECT count(*) FROM quarantine.transactions WHERE contains(lower(raw_text), '" + email + "')"));
    }
  }

  @Test
  @Order(2)
  void totalsReconcileAfterTheErase() throws Exception {
    long segments;
    try (Connection c = duckdb()) {
      assertEquals(silverOrdersBefore - personOrders, count(c, "SELECT count(*) FROM silver.orders"), "the person's orders left silver");
      segments = count(c, "SELECT count(*) FROM gold.segments");
    }
    assertEquals(segments, cubeTotal("customers", "customers"), "the customers cube counts the customers of gold");
    assertEquals(customersCubeBefore - 1, cubeTotal("customers", "customers"), "one customer fewer in the customers cube");
    long sales = cubeTotal("sales", "orders");
    assertEquals(salesOrdersInSilver(), sales, "the sales cube reconciles with silver");
    assertTrue(sales < salesOrdersBefore, "the person's orders left the sales cube");
  }

  @Test
  @Order(3)
  void tombstonesAndTheAuditHoldHashesOnlyAndListTheExport() throws Exception {
    Path tombstones = home.resolve("warehouse/_runs/gdpr/tombstones.jsonl");
    List<String> lines = Files.readAllLines(tombstones, StandardCharsets.UTF_8);
    assertEquals(1 + ids.size() + cookies.size(), lines.size(), "one tombstone per e-mail, customer id and cookie: " + lines);
    Path audit = home.resolve("warehouse/_runs/gdpr.jsonl");
    List<String> entries = Files.readAllLines(audit, StandardCharsets.UTF_8);
    assertEquals(1, entries.size());
    JsonNode entry = new ObjectMapper().readTree(entries.get(0));
    assertEquals("erase", entry.path("request").asText());
    assertEquals("email", entry.path("requested_by").asText());
    assertTrue(entry.path("rows_removed").path("bronze.transactions").asLong() > 0, entry.toString());
    assertTrue(entry.path("rows_removed").path("bronze.web_logs").asLong() > 0, entry.toString());
    assertEquals(1, entry.path("rows_removed").path("quarantine.transactions").asLong(), entry.toString());
    assertTrue(entry.path("rows_removed").path("silver.orders").asLong() > 0, entry.toString());
    assertEquals(1, entry.path("rows_removed").path("gold.segments@" + EARLIER).asLong(), "the earlier snapshot was filtered: " + entry);
    assertEquals(1, entry.path("rows_removed").path("gold.segments@" + AS_OF).asLong(), entry.toString());
    assertEquals(1, entry.path("exports").size(), entry.toString());
    assertTrue(entry.path("exports").get(0).path("file").asText().endsWith("everyone.csv"), entry.toString());
    assertTrue(eraseOutput.contains("everyone.csv"), "the summary lists the export: " + eraseOutput);
    String both = String.join("\n", lines) + "\n" + entries.get(0) + "\n" + eraseOutput;
    for (String needle : needles()) {
      assertFalse(both.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT)), needle + " in " + both);
    }
  }

  @Test
  @Order(4)
  void ingestingTheLandingFilesAgainAndANightDoNotBringThePersonBack() throws Exception {
    String ingest = CrmRun.ok("ingest", "--home", home.toString(), "--force");
    assertTrue(ingest.matches("(?s).*transactions +read [0-9,]+ = .* \\+ erased [0-9,]+.*"), ingest);
    assertTrue(ingest.matches("(?s).*web_logs +read [0-9,]+ = .* \\+ erased [0-9,]+.*"), ingest);
    CrmRun.ok("nightly", "--home", home.toString(), "--as-of", AS_OF);
    for (String needle : needles()) {
      assertFalse(decodedSearch(needle), needle + " came back into a Parquet file");
      assertFalse(rawSearch(needle), needle + " came back: " + filesWith(needle));
    }
    try (Connection c = duckdb()) {
      assertEquals(silverOrdersBefore - personOrders, count(c, "SELECT count(*) FROM silver.orders"));
    }
  }

  /**
   * Another process holds the workspace lock (as a running nightly would): the erase is refused
   * with exit code 4 and changes nothing.
   */
  @Test
  @Order(5)
  void anEraseWaitsForNoOneAndChangesNothingWhileAnotherProcessWrites() throws Exception {
    Path holder = home.resolve("LockHolder.java");
    Files.writeString(holder, String.join("\n",
        "import java.nio.channels.FileChannel;",
        "import java.nio.file.*;",
        "public class LockHolder {",
        "  public static void main(String[] a) throws Exception {",
        "    FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);",
        "    ch.lock();",
        "    ch.write(java.nio.ByteBuffer.wrap(\"{\\\"pid\\\":1,\\\"command\\\":\\\"nightly\\\"}\\n\".getBytes()), 0);",
        "    System.out.println(\"locked\");",
        "    System.out.flush();",
        "    System.in.read();",
        "  }",
        "}", ""));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), holder.toString(),
        home.resolve(".crm.lock").toString()).redirectErrorStream(true).start();
    try {
      String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertEquals("locked", first);
      Path tombstones = home.resolve("warehouse/_runs/gdpr/tombstones.jsonl");
      String before = Files.readString(tombstones);
      CrmRun r = CrmRun.of("gdpr", "erase", "--home", home.toString(), "--email", otherEmail);
      assertEquals(ExitCode.LOCKED, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains("nightly"), "names the holder: " + r.err());
      assertEquals(before, Files.readString(tombstones), "no tombstone was added");
      assertTrue(decodedSearch(otherEmail), "the other customer is still there");
    } finally {
      p.getOutputStream().close();
      p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }

  /** Under another secret no record would match the tombstones: ingest refuses to run rather than let the person back. */
  @Test
  @Order(6)
  void anotherSecretIsRefusedRatherThanLettingThePersonBack() throws Exception {
    Path yaml = home.resolve("crm.yaml");
    String config = Files.readString(yaml);
    Files.writeString(home.resolve("other.key"), "a different secret of enough bytes\n");
    Files.writeString(yaml, config + "\nsecret_file: other.key\n");
    try {
      CrmRun r = CrmRun.of("ingest", "--home", home.toString(), "--force");
      assertEquals(ExitCode.BAD_INPUT, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains("tombstones"), r.err());
    } finally {
      Files.writeString(yaml, config);
    }
    assertFalse(decodedSearch(email), "nothing was ingested");
  }

  // ---- the search

  private static List<Path> files() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(home.resolve("warehouse"))) {
      s.filter(Files::isRegularFile).forEach(out::add);
    }
    out.add(home.resolve("crm.duckdb"));
    return out;
  }

  /** Whether some file holds the needle's bytes (UTF-8, as written and lower-cased). */
  private static boolean rawSearch(String needle) throws IOException {
    return !filesWith(needle).isEmpty();
  }

  private static List<Path> filesWith(String needle) throws IOException {
    List<Path> out = new ArrayList<>();
    byte[][] forms = {needle.getBytes(StandardCharsets.UTF_8), needle.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)};
    for (Path f : files()) {
      byte[] bytes = Files.readAllBytes(f);
      for (byte[] form : forms) {
        if (indexOf(bytes, form) >= 0) {
          out.add(f);
          break;
        }
      }
    }
    return out;
  }

  /** Whether a decoded row of some Parquet file under the warehouse holds the needle (any column, any case). */
  private static boolean decodedSearch(String needle) throws IOException, SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      for (Path f : files()) {
        if (!f.getFileName().toString().endsWith(".parquet")) {
          continue;
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + f + "', hive_partitioning = false) t"
            + " WHERE contains(lower(CAST(t AS VARCHAR)), '" + needle.toLowerCase(Locale.ROOT).replace("'", "''") + "')")) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  // ---- helpers

  /** The grand total of a cube measure, as `crm cube` serves it. */
  private static long cubeTotal(String cube, String measure) {
    String csv = CrmRun.ok("cube", cube, "--home", home.toString(), "--measures", measure, "--format", "csv");
    String[] lines = csv.strip().split("\n");
    String[] last = lines[lines.length - 1].split(",");
    return Math.round(Double.parseDouble(last[last.length - 1]));
  }

  /** The orders of silver the sales cube counts (sql/cubes/sales_facts.sql): lines up to as_of, not cancelled. */
  private static long salesOrdersInSilver() throws SQLException {
    try (Connection c = duckdb()) {
      return count(c, "SELECT count(DISTINCT l.order_id) FROM silver.order_lines l JOIN silver.orders o ON o.order_id = l.order_id"
          + " WHERE l.order_date <= DATE '" + AS_OF + "' AND o.status <> 'cancelled'");
    }
  }

  /** The owner's restricted catalog: bronze, quarantine and silver's identities are not in crm.duckdb. */
  private static Connection duckdb() throws SQLException {
    return io.crm.jobs.serve.DuckDbCatalog.openRestricted(io.crm.jobs.workspace.Workspace.open(home));
  }

  private static String first(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next(), "no row: " + sql);
      return rs.getString(1);
    }
  }

  private static Set<String> column(Connection c, String sql) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        if (rs.getString(1) != null) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String literals(java.util.Collection<String> values) {
    return values.isEmpty() ? "NULL" : values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
  }
}
