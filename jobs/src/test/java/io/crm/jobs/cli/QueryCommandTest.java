package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `crm query` reads and nothing else: every statement that is not a single query is refused with
 * one line and exit 3 before it runs, files outside the workspace stay unreadable, and no file in
 * the workspace (or outside it) changes whatever the SQL.
 */
class QueryCommandTest {
  @TempDir static Path home;
  @TempDir static Path outside;
  private static Path ordersFile;

  private Map<Path, String> before;

  /** A workspace with two small Parquet tables, written by DuckDB, and the views over them. */
  @BeforeAll
  static void workspace() throws SQLException, IOException {
    Files.writeString(home.resolve("crm.yaml"), "timezone: UTC\n");
    Path orders = Files.createDirectories(home.resolve("warehouse/silver/orders"));
    Path segments = Files.createDirectories(home.resolve("warehouse/gold/segments/as_of_date=2024-12-30"));
    ordersFile = orders.resolve("part-0.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT * FROM (VALUES ('o1', 'C-1', 'k1', 10.0), ('o2', 'C-1', 'k1', 5.5), ('o3', 'C-2', 'k2', 7.25)) t(order_id, customer_id, customer_key, net_amount))"
          + " TO '" + ordersFile + "' (FORMAT parquet)");
      st.execute("COPY (SELECT * FROM (VALUES ('k1', 'Champions'), ('k2', 'Lost')) t(customer_key, rfm_segment))"
          + " TO '" + segments.resolve("part-0.parquet") + "' (FORMAT parquet)");
    }
    CrmRun.ok("serve", "--home", home.toString());
  }

  @BeforeEach
  void snapshot() {
    before = files();
  }

  /** Whatever a test ran, every file inside and outside the workspace is as it was. */
  @AfterEach
  void nothingWritten() {
    assertEquals(before, files());
  }

  private static CrmRun query(String sql, String... more) {
    String[] args = Stream.concat(Stream.of("query", "--home", home.toString(), sql), Stream.of(more)).toArray(String[]::new);
    return CrmRun.of(args);
  }

  private static void assertRefused(CrmRun r, String expected) {
    assertEquals(ExitCode.BAD_INPUT, r.exit(), r.out() + r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains(expected), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "COPY (SELECT * FROM silver.orders WHERE false) TO '%ORDERS%' (FORMAT parquet)",
      "COPY (SELECT * FROM silver.orders) TO '%OUTSIDE%/emails.csv'",
      "COPY silver.orders TO '%HOME%/exports.csv'",
      "ATTACH '%OUTSIDE%/other.duckdb' AS other",
      "INSTALL httpfs",
      "LOAD httpfs",
      "SET enable_external_access = true",
      "SET allowed_directories = ['/']",
      "PRAGMA enable_profiling",
      "CREATE TABLE t AS SELECT 1 AS x",
      "CREATE VIEW gold.v AS SELECT 1 AS x",
      "INSERT INTO silver.orders VALUES ('o9', 'c9', 1.0)",
      "DROP VIEW silver.orders",
      "EXPLAIN SELECT * FROM silver.orders",
      "EXPLAIN ANALYZE COPY (SELECT 1) TO '%OUTSIDE%/x.csv'",
      "CALL checkpoint()",
      "SELECT 1; COPY (SELECT * FROM silver.orders) TO '%OUTSIDE%/emails.csv'",
      "COPY (SELECT 1) TO '%OUTSIDE%/x.csv'; SELECT 1"
  })
  void aStatementThatIsNotAQueryIsRefusedBeforeItRuns(String template) {
    String sql = template.replace("%ORDERS%", ordersFile.toString())
        .replace("%OUTSIDE%", outside.toString()).replace("%HOME%", home.toString());
    assertRefused(query(sql), "crm query reads only: ");
    assertFalse(Files.exists(outside.resolve("emails.csv")));
  }

  @Test
  void theRefusalNamesTheStatement() {
    assertRefused(query("COPY silver.orders TO '" + outside + "/o.csv'"), "COPY is not a query");
    assertRefused(query("SELECT 1; ATTACH ':memory:' AS m"), "ATTACH is not a query");
  }

  @Test
  void twoQueriesAreRefusedToo() {
    assertRefused(query("SELECT 1; SELECT 2"), "exactly one query, got 2");
  }

  @Test
  void emptyTextIsRefused() {
    assertRefused(query("  ;  "), "exactly one query, got 0");
  }

  @Test
  void aSyntaxErrorIsOneLine() {
    assertRefused(query("SELECT FROM WHERE"), "query failed: syntax error");
  }

  @Test
  void filesOutsideTheWorkspaceCannotBeRead() {
    assertRefused(query("SELECT * FROM read_csv('/etc/passwd')"), "Permission Error");
    assertRefused(query("SELECT * FROM read_text('" + home + "/../" + outside.getFileName() + "/x')"), "Permission Error");
    assertRefused(query("SELECT * FROM glob('/etc/*')"), "Permission Error");
  }

  @Test
  void aTableFunctionCannotSmuggleAStatementIn() {
    CrmRun r = query("SELECT * FROM query('COPY (SELECT 1) TO ''" + outside + "/x.csv''')");
    assertEquals(ExitCode.BAD_INPUT, r.exit(), r.out() + r.err());
    assertFalse(Files.exists(outside.resolve("x.csv")));
  }

  /** Table functions that would write if the database were not opened read-only. */
  @ParameterizedTest
  @ValueSource(strings = {"SELECT * FROM checkpoint()", "SELECT * FROM force_checkpoint()"})
  void aQueryThatWouldCheckpointChangesNothing(String sql) {
    query(sql); // allowed or refused, the files are compared after each test
    assertTrue(Files.isRegularFile(home.resolve("crm.duckdb")));
  }

  @Test
  void aPlainQueryOverTheViewsRuns() {
    CrmRun r = query("SELECT customer_key, sum(net_amount) AS net FROM silver.orders GROUP BY 1 ORDER BY 1", "--format", "csv");
    assertEquals(ExitCode.OK, r.exit(), r.err());
    assertEquals("customer_key,net\nk1,15.50\nk2,7.25\n", r.out().replace("\r\n", "\n"));
  }

  @Test
  void theViewsHideTheCustomerIdBehindTheKey() {
    CrmRun r = query("SELECT customer_id FROM silver.orders", "--format", "csv");
    assertEquals(ExitCode.BAD_INPUT, r.exit(), r.out());
    assertTrue(r.err().contains("customer_id"), r.err());
    CrmRun all = query("SELECT * FROM silver.orders", "--format", "csv");
    assertEquals(ExitCode.OK, all.exit(), all.err());
    assertFalse(all.out().contains("C-1"), all.out());
  }

  @Test
  void aCteQueryRuns() {
    CrmRun r = query("WITH spend AS (SELECT customer_key, sum(net_amount) AS net FROM silver.orders GROUP BY 1)"
        + " SELECT s.rfm_segment, p.net FROM spend p JOIN gold.segments s USING (customer_key) ORDER BY p.net DESC", "--format", "csv");
    assertEquals(ExitCode.OK, r.exit(), r.err());
    assertEquals("rfm_segment,net\nChampions,15.50\nLost,7.25\n", r.out().replace("\r\n", "\n"));
  }

  @Test
  void theFromShorthandAndDescribeRun() {
    CrmRun from = query("FROM gold.segments ORDER BY customer_key", "--format", "csv");
    assertEquals(ExitCode.OK, from.exit(), from.err());
    assertEquals("customer_key,rfm_segment\nk1,Champions\nk2,Lost\n", from.out().replace("\r\n", "\n"));
    CrmRun describe = query("DESCRIBE silver.orders", "--format", "csv");
    assertEquals(ExitCode.OK, describe.exit(), describe.err());
    assertTrue(describe.out().contains("net_amount"), describe.out());
  }

  @Test
  void aTrailingSemicolonIsStillOneQuery() {
    CrmRun r = query("SELECT count(*) AS n FROM silver.orders;", "--format", "csv");
    assertEquals(ExitCode.OK, r.exit(), r.err());
    assertEquals("n\n3\n", r.out().replace("\r\n", "\n"));
  }

  /** Path -> size and modification time of every file in the workspace and the folder beside it. */
  private static Map<Path, String> files() {
    Map<Path, String> out = new TreeMap<>();
    for (Path root : new Path[] {home, outside}) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.forEach(p -> {
          try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            out.put(p, a.size() + "@" + a.lastModifiedTime().toMillis());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
