package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.ledger.RunLedger;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * `retention.days` in crm.yaml: the nightly deletes bronze, quarantine and ingest ledger entries of
 * ingest dates older than that, records it in the run ledger, and loses no history: silver still
 * holds the orders of the deleted ingest, a full refresh keeps them, and the landing files of the
 * deleted ingest are not loaded again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionNightTest {
  static final String OLD_INGEST = "2024-02-01";
  static final String AS_OF = "2024-03-30";

  @TempDir static Path home;
  static long ordersBefore;
  static long ordersAfter;

  @BeforeAll
  static void aNightWithRetention() throws Exception {
    CrmRun.ok("generate", "--home", home.toString(), "--customers", "150", "--days", "90", "--seed", "5", "--start", "2024-01-01");
    Files.writeString(home.resolve("crm.yaml"), "\nretention:\n  days: 30\nchurn:\n  active_days: 45\n  horizon_days: 30\n",
        StandardOpenOption.APPEND);
    // the transactions arrived long ago, everything else with tonight's ingest
    CrmRun.ok("ingest", "--home", home.toString(), "--source", "transactions", "--ingest-date", OLD_INGEST);
    CrmRun.ok("conform", "--home", home.toString());
    ordersBefore = count("SELECT count(*) FROM silver.orders");
    CrmRun.ok("nightly", "--home", home.toString(), "--as-of", AS_OF);
    ordersAfter = count("SELECT count(*) FROM silver.orders");
  }

  @Test
  @Order(1)
  void theNightDeletedTheOldIngestAndSaidSo() throws Exception {
    Path bronze = home.resolve("warehouse/bronze");
    List<Path> partitions;
    try (Stream<Path> s = Files.walk(bronze, 2)) {
      partitions = s.filter(p -> p.getFileName().toString().startsWith("ingest_date=")).toList();
    }
    assertFalse(partitions.isEmpty(), "the night's own ingest stays");
    assertTrue(partitions.stream().noneMatch(p -> p.getFileName().toString().equals("ingest_date=" + OLD_INGEST)), partitions.toString());
    try (Stream<Path> s = Files.walk(home.resolve("warehouse/quarantine"))) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().equals("ingest_date=" + OLD_INGEST)));
    }
    try (Stream<Path> s = Files.list(home.resolve("warehouse/_runs/ingest"))) {
      List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
      assertTrue(names.stream().anyMatch(n -> n.startsWith("retired-2024-02-29-") && n.endsWith(".transactions.json")), names.toString());
    }
    RunLedger.Entry retention = new RunLedger(home.resolve("warehouse/_runs")).entries().stream()
        .filter(e -> e.job().equals("retention")).reduce((a, b) -> b).orElseThrow();
    assertEquals(RunLedger.OK, retention.outcome());
    assertEquals("2024-02-29", retention.metrics().get("cutoff"));
    assertEquals(1, ((Number) retention.metrics().get("bronze_partitions_deleted")).intValue(), retention.metrics().toString());
    assertFalse(Files.exists(bronze.resolve("transactions")) && Files.list(bronze.resolve("transactions")).anyMatch(
        p -> p.getFileName().toString().startsWith("ingest_date=")), "the only transactions ingest is gone");
  }

  @Test
  @Order(2)
  void historyStaysInSilverThroughAFullRefreshAndIsNotLoadedAgain() throws Exception {
    assertTrue(ordersBefore > 0);
    assertEquals(ordersBefore, ordersAfter, "every order came from the deleted ingest and is still in silver");
    CrmRun.ok("ingest", "--home", home.toString());
    RunLedger.Entry ingest = new RunLedger(home.resolve("warehouse/_runs")).entries().stream()
        .filter(e -> e.job().equals("ingest")).reduce((a, b) -> b).orElseThrow();
    assertEquals(0L, ingest.rowsIn(), "the landing files of the deleted ingest are still known");
    CrmRun.ok("conform", "--home", home.toString(), "--full-refresh");
    assertEquals(ordersAfter, count("SELECT count(*) FROM silver.orders"));
    assertTrue(count("SELECT count(*) FROM silver.orders WHERE order_date < DATE '2024-02-01'") > 0);
  }

  /** The person's orders exist only in silver's state now that their bronze is gone; erasure must reach them there. */
  @Test
  @Order(3)
  void anErasureReachesTheRowsWhoseBronzeIsGone() throws Exception {
    String person;
    try (Connection c = DuckDbCatalog.openRestricted(Workspace.open(home)); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT source_customer_id FROM silver.orders WHERE source_customer_id IS NOT NULL"
            + " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")) {
      rs.next();
      person = rs.getString(1);
    }
    long theirs = count("SELECT count(*) FROM silver.staged_transactions WHERE customer_id = '" + person + "'");
    assertTrue(theirs > 0);
    long lines = count("SELECT count(*) FROM silver.staged_transactions");
    CrmRun.ok("gdpr", "erase", "--home", home.toString(), "--customer-id", person);
    assertEquals(0, count("SELECT count(*) FROM silver.staged_transactions WHERE customer_id = '" + person + "'"));
    assertEquals(0, count("SELECT count(*) FROM silver.orders WHERE source_customer_id = '" + person + "'"));
    assertEquals(lines - theirs, count("SELECT count(*) FROM silver.staged_transactions"));
  }

  private static long count(String sql) throws Exception {
    try (Connection c = DuckDbCatalog.openRestricted(Workspace.open(home)); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
