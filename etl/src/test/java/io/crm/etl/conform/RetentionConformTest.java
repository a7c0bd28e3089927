package io.crm.etl.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.etl.ingest.Retention;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention deletes old bronze without losing history: a workspace whose first night's bronze is
 * retired by conform and then deleted gives, night after night and after a full refresh, the same
 * silver (every table but the bookkeeping of consumed files) as a twin that kept all its bronze.
 * The nights after the deletion need the deleted rows: a late hit continues a session of the
 * first night, a tracker event of the first night is delivered again, and an order merges a guest
 * of the first night into a registered customer.
 */
class RetentionConformTest {
  static final LocalDate CUTOFF = LocalDate.parse("2024-03-03");

  @TempDir static Path dir;
  static ConformRun retaining;
  static ConformRun keeping;
  static Retention.Result deleted;
  static ConformResult afterDeletion;

  @BeforeAll
  static void twoWorkspacesOneOfThemRetaining() throws IOException {
    retaining = new ConformRun(dir.resolve("retaining"));
    keeping = new ConformRun(dir.resolve("keeping"));
    for (ConformRun run : List.of(retaining, keeping)) {
      night1(run);
    }
    retaining.run(false, CUTOFF);
    for (ConformRun run : List.of(retaining, keeping)) {
      night2(run);
    }
    // night 2's conform retires night 1's files; retention then deletes them with an old
    // quarantine partition and the ledger entry of that day
    retaining.run(false, CUTOFF);
    Path quarantine = retaining.dir.resolve("quarantine/web_logs/ingest_date=2024-03-02");
    Files.createDirectories(quarantine);
    Files.writeString(quarantine.resolve("part-0.parquet"), "rejected line");
    Path ledger = Files.createDirectories(retaining.dir.resolve("_runs/ingest"));
    Files.writeString(ledger.resolve("20240302T030000-a.web_logs.json"),
        "{\"run_id\":\"20240302T030000-a\",\"source\":\"web_logs\",\"ingest_date\":\"2024-03-02\",\"read\":6,"
            + "\"files\":[{\"path\":\"landing/access-1.log\",\"size\":600,\"sha256\":\"ab\",\"modified_at\":1}]}\n",
        StandardCharsets.UTF_8);
    Files.writeString(ledger.resolve("20240303T030000-b.web_logs.json"),
        "{\"run_id\":\"20240303T030000-b\",\"source\":\"web_logs\",\"ingest_date\":\"2024-03-03\",\"read\":2,"
            + "\"files\":[{\"path\":\"landing/access-2.log\",\"size\":200,\"sha256\":\"cd\",\"modified_at\":2}]}\n",
        StandardCharsets.UTF_8);
    deleted = new Retention(retaining.warehouse(), Conform.retiredFiles(io.crm.etl.SharedSpark.get(), retaining.warehouse()))
        .run(CUTOFF);

    for (ConformRun run : List.of(retaining, keeping)) {
      night3(run);
    }
    afterDeletion = retaining.run(false, CUTOFF);
    keeping.runFullRefresh();
  }

  private static void night1(ConformRun run) {
    BronzeFixtures.transactions().file("orders-1.csv")
        .line("o1", "2024-03-01T09:00:00Z").customer("C1").email("anna@example.com").item("A", 1, "10.00")
        .line("o2", "2024-03-01T12:05:00Z").email("guest@example.com").item("B", 2, "5.00")
        .writeTo(run.bronze, "transactions", "2024-03-02");
    BronzeFixtures.contacts().file("contacts-1.csv")
        .contact("K2", "2024-02-01T08:00:00Z").customer("C2").email("bert@example.com").name("Bert", "B")
        .writeTo(run.bronze, "contacts", "2024-03-02");
    BronzeFixtures.webLogs().file("access-1.log")
        .get("2024-03-01T10:00:00Z", "/").cookie("k1")
        .get("2024-03-01T12:00:00Z", "/p/B").cookie("k2")
        .get("2024-03-01T12:06:00Z", "/checkout/confirmation/o2").cookie("k2")
        .writeTo(run.bronze, "web_logs", "2024-03-02");
    BronzeFixtures.webEvents().file("events-1.jsonl")
        .event("e1", "page_view", "2024-03-01T08:55:00Z", "k3").url("https://shop.example/")
        .event("e2", "login", "2024-03-01T08:57:00Z", "k3").user("C1")
        .writeTo(run.bronze, "web_events", "2024-03-02");
  }

  private static void night2(ConformRun run) {
    BronzeFixtures.webLogs().file("access-2.log")
        .get("2024-03-02T11:00:00Z", "/").cookie("k5")
        .writeTo(run.bronze, "web_logs", "2024-03-03");
    BronzeFixtures.surveys().file("survey-2.csv")
        .response("r1", "2024-03-02T16:00:00Z", "delivery", 4, 8).customer("C1")
        .writeTo(run.bronze, "surveys", "2024-03-03");
  }

  private static void night3(ConformRun run) {
    BronzeFixtures.webLogs().file("access-3.log")
        .get("2024-03-01T10:20:00Z", "/p/A").cookie("k1")
        .writeTo(run.bronze, "web_logs", "2024-03-04");
    BronzeFixtures.webEvents().file("events-3.jsonl")
        .event("e1", "page_view", "2024-03-01T08:56:00Z", "k3").url("https://shop.example/?again")
        .writeTo(run.bronze, "web_events", "2024-03-04");
    BronzeFixtures.transactions().file("orders-3.csv")
        .line("o3", "2024-03-03T09:00:00Z").customer("C2").email("guest@example.com").item("A", 1, "10.00")
        .writeTo(run.bronze, "transactions", "2024-03-04");
  }

  @Test
  void retentionDeletedTheFirstNightsBronzeQuarantineAndLedgerEntry() throws IOException {
    assertEquals(4, deleted.bronzePartitions());
    assertEquals(0, deleted.bronzeKept());
    assertEquals(1, deleted.quarantinePartitions());
    assertEquals(1, deleted.ledgerEntries());
    assertFalse(Files.exists(retaining.bronze.resolve("web_logs/ingest_date=2024-03-02")));
    assertFalse(Files.exists(retaining.bronze.resolve("transactions/ingest_date=2024-03-02")));
    assertTrue(Files.exists(retaining.bronze.resolve("web_logs/ingest_date=2024-03-03")));
    assertFalse(Files.exists(retaining.dir.resolve("quarantine/web_logs/ingest_date=2024-03-02")));
    try (Stream<Path> entries = Files.list(retaining.dir.resolve("_runs/ingest"))) {
      List<String> names = entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
      assertEquals(2, names.size(), names.toString());
      assertEquals("20240303T030000-b.web_logs.json", names.get(0));
      String retired = Files.readString(retaining.dir.resolve("_runs/ingest/" + names.get(1)));
      // the landing file stays known, so it is not loaded again; its counts are gone
      assertTrue(names.get(1).startsWith("retired-2024-03-03-") && retired.contains("\"path\":\"landing/access-1.log\""), retired);
      assertFalse(retired.contains("\"read\""), retired);
    }
  }

  @Test
  void theNightAfterTheDeletionIsIncrementalAndEqualsTheTwinThatKeptEverything() {
    assertNull(afterDeletion.sessionsFullRefreshReason());
    assertSameSilver(keeping, retaining);
    // the late hit joined k1's first-night session, the re-delivered event replaced its first copy
    List<Row> k1 = retaining.rows("sessions", "cookie_id = 'k1'");
    assertEquals(1, k1.size());
    assertEquals(2, (int) k1.get(0).getAs("hits"));
    assertEquals(retaining.personOf("customer_id", "C2"), retaining.personOf("email", "guest@example.com"));
  }

  @Test
  void aFullRefreshAfterTheDeletionKeepsTheRetiredRows() {
    ConformRun copy = new ConformRun(dir.resolve("retaining"));
    ConformResult r = copy.run(true, CUTOFF);
    assertEquals("--full-refresh", r.sessionsFullRefreshReason());
    assertSameSilver(keeping, copy);
  }

  @Test
  void aPartitionConformHasNotConsumedIsNotDeleted() {
    ConformRun late = new ConformRun(dir.resolve("late"));
    night1(late);
    late.run(false, CUTOFF);
    BronzeFixtures.surveys().file("survey-late.csv")
        .response("r9", "2024-03-01T16:00:00Z", "delivery", 5, 9).customer("C1")
        .writeTo(late.bronze, "surveys", "2024-03-01");
    Retention.Result r = new Retention(late.warehouse(), Conform.retiredFiles(io.crm.etl.SharedSpark.get(), late.warehouse()))
        .run(CUTOFF);
    assertEquals(1, r.bronzeKept());
    assertEquals(4, r.bronzePartitions());
    assertTrue(Files.exists(late.bronze.resolve("surveys/ingest_date=2024-03-01")));
    // the next conform stages it and retires it, so the next retention deletes it
    late.run(false, CUTOFF);
    assertEquals(1, late.rows("survey_responses", "response_id = 'r9'").size());
    Retention.Result again = new Retention(late.warehouse(), Conform.retiredFiles(io.crm.etl.SharedSpark.get(), late.warehouse()))
        .run(CUTOFF);
    assertEquals(0, again.bronzeKept());
    assertEquals(1, again.bronzePartitions());
    assertEquals(1, late.rows("survey_responses", "response_id = 'r9'").size());
  }

  /** Every silver table but the consumed-file bookkeeping, row by row. */
  private static void assertSameSilver(ConformRun expected, ConformRun actual) {
    Map<String, List<String>> want = snapshot(expected);
    Map<String, List<String>> got = snapshot(actual);
    assertEquals(want.keySet(), got.keySet());
    want.forEach((table, rows) -> assertEquals(rows, got.get(table), "silver." + table + " differs"));
  }

  private static Map<String, List<String>> snapshot(ConformRun run) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String table : run.warehouse().silverTables()) {
      if (table.endsWith("_files")) {
        continue;
      }
      Dataset<Row> df = run.table(table);
      String[] cols = df.columns().clone();
      Arrays.sort(cols);
      List<String> rows = new ArrayList<>();
      df.selectExpr(cols).collectAsList().forEach(r -> rows.add(r.toString()));
      rows.sort(String::compareTo);
      out.put(table, rows);
    }
    assertTrue(out.containsKey("staged_transactions") && out.containsKey("session_hits"), out.keySet().toString());
    return out;
  }
}
