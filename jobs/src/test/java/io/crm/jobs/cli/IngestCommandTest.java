package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `crm ingest` end to end on a tiny workspace: JSON counts, --path, bad config as exit 3. */
class IngestCommandTest {
  @TempDir Path home;


  @Test
  void ingestsAndPrintsTheReconciliationAsJson() throws Exception {
    Files.writeString(
        home.resolve("crm.yaml"),
        "timezone: Europe/Berlin\nsources:\n  orders:\n    kind: transactions\n    path: landing/orders/*.csv\n",
        StandardCharsets.UTF_8);
    Path landing = Files.createDirectories(home.resolve("landing/orders"));
    Files.writeString(
        landing.resolve("a.csv"),
        "order_id,order_ts,customer_id,quantity,unit_price\nA1,2024-01-01T10:00:00Z,c1,1,10.00\nA2,someday,c1,1,10.00\nA1,2024-01-01T10:00:00Z,c1,1,10.00\n");
    Path other = Files.writeString(home.resolve("late.csv"), "order_id,order_ts,customer_id,quantity,unit_price\nA3,2024-01-02T10:00:00Z,c2,2,5.00\n");

    CrmRun first = CrmRun.of("ingest", "--home", home.toString(), "--json", "--ingest-date", "2026-11-23");
    CrmRun late = CrmRun.of("ingest", "--home", home.toString(), "--source", "orders", "--path", other.toString(), "--ingest-date", "2026-11-23");

    assertEquals(0, first.exit(), first.err());
    JsonNode s = new ObjectMapper().readTree(first.out()).get("sources").get(0);
    assertEquals("orders", s.get("source").asText());
    assertEquals(3, s.get("read").asLong());
    assertEquals(1, s.get("loaded").asLong());
    assertEquals(1, s.get("quarantined").asLong());
    assertEquals(1, s.get("duplicates").asLong());
    assertEquals(0, late.exit(), late.err());
    assertTrue(late.out().contains("read 1 = loaded 1 + quarantined 0 + duplicates 0"), late.out());
    assertTrue(Files.isDirectory(home.resolve("warehouse/bronze/orders/ingest_date=2026-11-23")));
    // personal data is for the owner only, whatever the umask of the test run
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("warehouse"))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("exports"))));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("crm.duckdb"))));
    // bronze is personal data: the owner's restricted catalog reads it, the analysts' crm.duckdb
    // (which ingest refreshes too) has no bronze at all
    try (Connection c = DuckDbCatalog.openRestricted(Workspace.open(home));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM bronze.orders")) {
      assertTrue(rs.next());
      assertEquals(2, rs.getLong(1));
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("crm.duckdb"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_views() WHERE NOT internal")) {
      assertTrue(rs.next());
      assertEquals(0, rs.getLong(1));
    }
  }

  @Test
  void aBadSettingIsOneLineWithThePathAndExitCode3() throws Exception {
    Files.writeString(
        home.resolve("crm.yaml"),
        "sources:\n  orders:\n    kind: transactions\n    path: x\n    dialect: {encoding: klingon-8}\n",
        StandardCharsets.UTF_8);

    CrmRun r = CrmRun.of("ingest", "--home", home.toString());

    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("sources.orders.dialect.encoding") && r.err().contains("klingon-8"), r.err());
  }

  @Test
  void aRelativePathIsReadFromTheWorkspaceAndABadDateIsOneLine() throws Exception {
    Files.writeString(
        home.resolve("crm.yaml"),
        "sources:\n  orders:\n    kind: transactions\n    path: landing/orders/*.csv\n",
        StandardCharsets.UTF_8);
    Files.createDirectories(home.resolve("extra"));
    Files.writeString(home.resolve("extra/late.csv"), "order_id,order_ts,customer_id,quantity,unit_price\nA3,2024-01-02T10:00:00Z,c2,2,5.00\n");

    CrmRun relative = CrmRun.of("ingest", "--home", home.toString(), "--source", "orders", "--path", "extra/late.csv");
    assertEquals(0, relative.exit(), relative.err());
    assertTrue(relative.out().contains("read 1 = loaded 1"), relative.out());

    CrmRun missing = CrmRun.of("ingest", "--home", home.toString(), "--source", "orders", "--path", "extra/nope.csv");
    assertEquals(ExitCode.BAD_INPUT, missing.exit());
    assertTrue(missing.err().contains(home.resolve("extra/nope.csv").toString()), missing.err());

    CrmRun badDate = CrmRun.of("ingest", "--home", home.toString(), "--ingest-date", "23.11.2026");
    assertEquals(ExitCode.BAD_INPUT, badDate.exit());
    assertEquals(1, badDate.err().strip().lines().count(), badDate.err());
    assertTrue(badDate.err().contains("--ingest-date must be a date like 2025-12-31, got '23.11.2026'"), badDate.err());
  }
}
