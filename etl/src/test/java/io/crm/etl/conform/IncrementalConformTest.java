package io.crm.etl.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.crm.etl.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nights conformed one after the other, each cutting only the new web files into sessions,
 * give the same silver, table by table and row by row, as one full refresh over the same bronze.
 * Night 2 brings late hits for a day conformed before, a second copy of a tracker event and a
 * late line of an order conformed before; night 3 brings an order that merges a guest (known by e-mail, with a cookie that has no new
 * hit) into a registered customer, a login on a cookie that had no person, and a hit from
 * before every session of a visitor.
 */
class IncrementalConformTest {
  @TempDir static Path dir;
  static ConformRun run;
  static final List<ConformResult> nights = new ArrayList<>();
  static Map<String, List<Row>> incremental;
  static ConformResult full;
  /** Web table -> {files, files linked from the night before} after night 3. */
  static final Map<String, long[]> filesAfterNight3 = new LinkedHashMap<>();

  /** silver.identities' columns, in their order, after night 3. */
  static List<String> identityColumnsAfterNight3;

  /** After night 3: {files read, all files, hits read since then, all hits since then}. */
  static long[] hitsSinceMarch2;

  /**
   * How the files of session_hits that can hold a hit at {@code from} or later compare with all
   * of them: {files, all files, their hits since {@code from}, all hits since then}; asserts the
   * version keeps the ranges of every data file.
   */
  static long[] hitsSince(Instant from) {
    List<String> columns = List.of("ts", "session_started_at");
    Dataset<Row> all = SharedSpark.get().read().parquet(run.warehouse().silver("session_hits").orElseThrow());
    try {
      Path folder = run.tableFolder("session_hits");
      FileRanges kept = FileRanges.read(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(folder.toUri()));
      for (String file : all.inputFiles()) {
        assertTrue(kept.knows(new org.apache.hadoop.fs.Path(file).getName(), columns), "ranges kept for " + file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SilverWriter writer = new SilverWriter(SharedSpark.get(), run.warehouse(), "ranges-test");
    writer.keepRanges("session_hits", columns);
    Dataset<Row> reaching = writer.currentReaching("session_hits", "ts", from);
    Column since = col("ts").geq(lit(Timestamp.from(from)));
    return new long[] {reaching.inputFiles().length, all.inputFiles().length, reaching.where(since).count(), all.where(since).count()};
  }

  @BeforeAll
  static void threeNightsThenAFullRefresh() {
    run = new ConformRun(dir);

    BronzeFixtures.transactions().file("orders-1.csv")
        .line("o0a", "2024-02-20T09:00:00Z").customer("C1").item("A", 1, "10.00")
        .line("o0b", "2024-02-20T10:00:00Z").customer("C1").item("B", 1, "5.00")
        .line("o0c", "2024-02-20T11:00:00Z").customer("C1").item("A", 1, "10.00")
        .line("o1", "2024-03-01T09:00:00Z").customer("C1").email("anna@example.com").item("A", 1, "10.00")
        .line("o2", "2024-03-01T12:05:00Z").email("guest@example.com").item("B", 2, "5.00")
        .line("o5", "2024-03-01T16:00:00Z").customer("C6").email("carl@example.com").item("A", 1, "10.00")
        .writeTo(run.bronze, "transactions", "2024-03-02");
    BronzeFixtures.contacts().file("contacts-1.csv")
        .contact("K2", "2024-02-01T08:00:00Z").customer("C2").email("bert@example.com").name("Bert", "B")
        .contact("K3", "2024-02-02T08:00:00Z").customer("C3").email("not-an-email").name("Cleo", "C")
        .contact("K6", "2024-02-03T08:00:00Z").customer("C9").email("dora@example.com").name("Dora", "D")
        .writeTo(run.bronze, "contacts", "2024-03-02");
    BronzeFixtures.webLogs().file("access-1.log")
        .get("2024-03-01T10:00:00Z", "/").cookie("k1")
        .get("2024-03-01T10:10:00Z", "/p/A").cookie("k1")
        .get("2024-03-01T12:00:00Z", "/p/B").cookie("k2")
        .get("2024-03-01T12:06:00Z", "/checkout/confirmation/o2").cookie("k2")
        .get("2024-03-01T15:00:00Z", "/c/shoes").ip("10.1.1.1")
        .get("2024-03-01T18:00:00Z", "/").cookie("k4")
        .get("2024-03-01T16:01:00Z", "/checkout/confirmation/o5").cookie("k6").user("C5")
        .writeTo(run.bronze, "web_logs", "2024-03-02");
    BronzeFixtures.webEvents().file("events-1.jsonl")
        .event("e1", "page_view", "2024-03-01T08:55:00Z", "k3").url("https://shop.example/")
        .event("e2", "login", "2024-03-01T08:57:00Z", "k3").user("C1")
        .event("e3", "product_view", "2024-03-01T08:58:00Z", "k3").url("https://shop.example/p/A")
        .writeTo(run.bronze, "web_events", "2024-03-02");
    nights.add(run.run());

    // night 2: k1 returns within 30 minutes of its last hit on a day already conformed (one
    // session, not two), a new visitor, and e3 delivered again (the later copy wins)
    BronzeFixtures.webLogs().file("access-2.log")
        .get("2024-03-01T10:35:00Z", "/p/C").cookie("k1")
        .get("2024-03-02T11:00:00Z", "/").cookie("k5")
        .get("2024-03-01T15:20:00Z", "/p/D").ip("10.1.1.1")
        .writeTo(run.bronze, "web_logs", "2024-03-03");
    BronzeFixtures.webEvents().file("events-2.jsonl")
        .event("e3", "product_view", "2024-03-01T08:59:00Z", "k3").url("https://shop.example/p/A?again")
        .event("e4", "page_view", "2024-03-02T07:00:00Z", "k3").url("https://shop.example/c/bags")
        .writeTo(run.bronze, "web_events", "2024-03-03");
    BronzeFixtures.transactions().file("orders-2.csv")
        .line("o1", "2024-03-01T09:01:00Z").customer("C1").email("anna@example.com").item("C", 1, "3.00")
        .writeTo(run.bronze, "shop_erp", "2024-03-03");
    nights.add(run.run());

    // night 3: the guest's e-mail orders as C2 (two persons become one), k4 logs in as C1, a hit
    // from before every session of k1 (late by two days), C3 (who gave an invalid e-mail) turns
    // out to be C2, and C6 turns out to be C0, so k6, which on one hit logged in as C5 and
    // confirmed C6's order, now goes to C0 (a tie goes to the smaller person)
    BronzeFixtures.transactions().file("orders-3.csv")
        .line("o3", "2024-03-03T09:00:00Z").customer("C2").email("guest@example.com").item("A", 1, "10.00")
        .writeTo(run.bronze, "transactions", "2024-03-04");
    BronzeFixtures.contacts().file("contacts-3.csv")
        .contact("K4", "2024-03-03T08:00:00Z").customer("C3").email("bert@example.com").name("Cleo", "C")
        .contact("K5", "2024-03-03T08:30:00Z").customer("C0").email("carl@example.com").name("Carl", "C")
        .writeTo(run.bronze, "contacts", "2024-03-04");
    BronzeFixtures.webLogs().file("access-3.log")
        .get("2024-03-03T20:00:00Z", "/account/login").cookie("k4").user("C1")
        .get("2024-03-01T09:45:00Z", "/blog/post").cookie("k1")
        .writeTo(run.bronze, "web_logs", "2024-03-04");
    nights.add(run.run());
    for (String table : List.of("session_hits", "sessions", "page_views", "staged_transactions", "order_lines", "orders",
        IdentityResolution.WEB_EVIDENCE)) {
      filesAfterNight3.put(table, new long[] {
          SharedSpark.get().read().parquet(run.warehouse().silver(table).orElseThrow()).inputFiles().length,
          run.linkedFiles(table)});
    }

    identityColumnsAfterNight3 = List.of(run.table("identities").columns());
    hitsSinceMarch2 = hitsSince(Instant.parse("2024-03-02T00:00:00Z"));
    incremental = snapshot();
    full = run.runFullRefresh();
  }

  @Test
  void laterNightsCutOnlyTheVisitorsWithNewHits() {
    assertEquals("nothing conformed yet", nights.get(0).sessionsFullRefreshReason());
    assertNull(nights.get(1).sessionsFullRefreshReason());
    assertNull(nights.get(2).sessionsFullRefreshReason());
    // night 2: k1, k5, the cookie-less visitor and k3 (new event and the second copy of e3)
    assertEquals(4, nights.get(1).recutVisitors());
    assertEquals(2, nights.get(2).recutVisitors());
    assertEquals("--full-refresh", full.sessionsFullRefreshReason());
  }

  @Test
  void identitiesExtendTheirWebEvidenceUnlessAStoredEventCameAgain() {
    // night 2 delivers e3 again: its new copy replaces the stored one, so the evidence is reduced
    // from all hits; night 3 adds the hits it cut to what night 2 kept
    assertEquals(List.of(false, false, true), nights.stream().map(ConformResult::identityEvidenceKept).toList());
    assertFalse(full.identityEvidenceKept());
    // night 3's evidence went to files of its own; night 2's stayed where they were
    long[] files = filesAfterNight3.get(IdentityResolution.WEB_EVIDENCE);
    assertTrue(files[1] >= 1 && files[1] < files[0], files[1] + " of " + files[0] + " web_identity_hits files linked");
  }

  @Test
  void theHitsSinceATimeAreReadFromTheFilesWhoseRangesReachIt() {
    assertTrue(hitsSinceMarch2[3] > 0, "night 2 and 3 brought hits of March 2 and 3");
    assertEquals(hitsSinceMarch2[3], hitsSinceMarch2[2], "every hit since March 2 is in a file read");
    assertTrue(hitsSinceMarch2[0] < hitsSinceMarch2[1], hitsSinceMarch2[0] + " of " + hitsSinceMarch2[1] + " files read");
    long[] afterFullRefresh = hitsSince(Instant.parse("2024-03-02T00:00:00Z"));
    assertEquals(afterFullRefresh[3], afterFullRefresh[2]);
    assertTrue(afterFullRefresh[0] < afterFullRefresh[1], afterFullRefresh[0] + " of " + afterFullRefresh[1] + " files read");
  }

  @Test
  void aNightRewritesOnlyTheWebFilesOfTheSessionsItCutsAgain() {
    // night 3 cuts again k1's session of 2024-03-01 10:00 (its late 09:45 hit) and nothing else
    // that is stored: the files of the other sessions are the night-2 files, linked, although
    // the night gives k4's sessions and the guest's order another person
    long[] hits = filesAfterNight3.get("session_hits");
    assertTrue(hits[1] >= 2, hits[1] + " of " + hits[0] + " session_hits files linked");
    for (String table : List.of("session_hits", "sessions", "page_views")) {
      long[] files = filesAfterNight3.get(table);
      assertTrue(files[1] >= 1, table + ": " + files[1] + " of " + files[0] + " files linked");
      assertTrue(files[1] < files[0], table + ": the file of k1's session is written anew");
    }
  }

  @Test
  void aNightBuildsOnlyTheOrdersWithNewLinesOrAnotherPerson() {
    // night 1 builds every order; night 2 the order with a late line (o1); night 3 the new order
    // (o3), the guest's order (o2), whose e-mail now belongs to C2, and C6's order (o5), now C0's
    assertEquals(List.of(6L, 1L, 3L), nights.stream().map(ConformResult::rebuiltOrders).toList());
    assertEquals(7L, full.rebuiltOrders());
    // the file of February's orders holds neither and is linked; the file of o1 and o2 is written anew
    for (String table : List.of("order_lines", "orders")) {
      long[] files = filesAfterNight3.get(table);
      assertTrue(files[1] >= 1 && files[1] < files[0], table + ": " + files[1] + " of " + files[0] + " files linked");
    }
    assertEquals(2, run.rows("order_lines", "order_id = 'o1'").size());
    assertEquals(run.personOf("customer_id", "C2"), run.rows("orders", "order_id = 'o2'").get(0).getAs("customer_id"));
  }

  @Test
  void aNightResolvesAgainOnlyTheIdentitiesItsRowsCanChange() {
    // nights 1 and 2 derive every identity (night 2 reduced its web evidence from all hits);
    // night 3 the nodes of its records, the persons they merge and the cookies linked to them
    for (ConformResult r : List.of(nights.get(0), nights.get(1), full)) {
      assertEquals(r.silverRows().get("identities"), r.identitiesResolvedAgain());
    }
    ConformResult night3 = nights.get(2);
    long all = night3.silverRows().get("identities");
    assertTrue(night3.identitiesResolvedAgain() > 0 && night3.identitiesResolvedAgain() < all,
        night3.identitiesResolvedAgain() + " of " + all + " identities resolved again");
    // the rows kept and those derived again are written in the columns' one order
    assertEquals(List.of(run.table("identities").columns()), identityColumnsAfterNight3);
    // the invalid e-mail C3 came with follows C3 to C2's person; k6 follows C6 to C0
    String c2 = run.personOf("customer_id", "C2");
    assertEquals(c2, run.personOf("customer_id", "C3"));
    List<Row> invalid = run.rows("identities", "identity_type = 'email' AND NOT is_valid");
    assertEquals(1, invalid.size());
    assertEquals(c2, invalid.get(0).getAs("customer_id"));
    assertEquals(run.personOf("customer_id", "C0"), run.personOf("cookie", "k6"));
  }

  @Test
  void aNightBuildsAgainOnlyTheContactsAndCustomersItsRowsReach() {
    // nights 1 and 2 derive every identity, so every contact and customer too; night 3 the
    // contacts with a new record (K4, K5) and K3, whose customer id C3 the night gives to C2's
    // person; not K2, whose identity it derived again (the merge) but whose person stays C2's,
    // nor Dora's (K6), whom nothing of the night concerns
    for (ConformResult r : List.of(nights.get(0), nights.get(1), full)) {
      assertEquals(r.silverRows().get("contacts"), r.contactsBuiltAgain());
      assertEquals(r.silverRows().get("customers"), r.customersBuiltAgain());
    }
    ConformResult night3 = nights.get(2);
    assertEquals(5L, night3.silverRows().get("contacts"));
    assertEquals(3L, night3.contactsBuiltAgain());
    long customers = night3.silverRows().get("customers");
    assertTrue(night3.customersBuiltAgain() > 0 && night3.customersBuiltAgain() < customers,
        () -> night3.customersBuiltAgain() + " of " + customers + " customers built again: " + run.rows("customers", null));
    // the merged persons' contacts name the person they merged into
    assertEquals(run.personOf("customer_id", "C2"), run.rows("contacts", "contact_id = 'K3'").get(0).getAs("customer_id"));
    assertEquals(1, run.rows("customers", "customer_id = '" + run.personOf("customer_id", "C9") + "'").size());
  }

  @Test
  void aNightAddsItsStagedRowsBesideTheStoredFiles() {
    // night 3's order is written to a file of its own; the rows staged before stay where they were
    long[] files = filesAfterNight3.get("staged_transactions");
    assertTrue(files[1] >= 1 && files[1] < files[0], files[1] + " of " + files[0] + " staged_transactions files linked");
  }

  @Test
  void theNightsGiveTheSameSilverAsAFullRefresh() {
    Map<String, List<Row>> refreshed = snapshot();
    assertEquals(incremental.keySet(), refreshed.keySet());
    for (String table : refreshed.keySet()) {
      assertEquals(refreshed.get(table), incremental.get(table), "silver." + table + " differs after incremental nights");
    }
  }

  @Test
  void theLateHitsAndTheMergeArrivedInSilver() {
    // k1: 09:45 (late, alone: 15 minutes short of 10:00 is within 30, so one session), 10:00, 10:10, 10:35
    List<Row> k1 = run.rows("sessions", "cookie_id = 'k1'");
    assertEquals(1, k1.size());
    assertEquals(4, (int) k1.get(0).getAs("hits"));
    // the guest's cookie k2, without a new hit, now belongs to C2
    String c2 = run.personOf("customer_id", "C2");
    assertEquals(c2, run.personOf("email", "guest@example.com"));
    for (Row s : run.rows("sessions", "cookie_id = 'k2'")) {
      assertEquals(c2, s.getAs("customer_id"));
    }
    assertEquals(2, run.rows("page_views", "cookie_id = 'k2' AND customer_id = '" + c2 + "'").size());
    // a cookie belongs to the person of its latest login: both of k4's sessions are C1's now
    assertEquals(2, run.rows("sessions", "cookie_id = 'k4' AND customer_id = '" + run.personOf("customer_id", "C1") + "'").size());
    // e3 once, as delivered last
    List<Row> e3 = run.rows("page_views", "url LIKE '%/p/A%' AND cookie_id = 'k3'");
    assertEquals(1, e3.size());
    assertEquals("https://shop.example/p/A?again", e3.get(0).getAs("url"));
  }

  @Test
  void aReplacedBronzeFileMakesTheNextRunRefreshInFull() {
    ConformRun other = new ConformRun(dir.resolve("replaced"));
    BronzeFixtures.webLogs().file("access.log")
        .get("2024-03-01T10:00:00Z", "/").cookie("k1")
        .get("2024-03-01T10:10:00Z", "/p/A").cookie("k1")
        .writeTo(other.bronze, "web_logs", "2024-03-02");
    other.run();
    // the ingest-date folder loaded again (crm ingest --force): one row fewer, in new files
    org.apache.spark.sql.SparkSession spark = io.crm.etl.SharedSpark.get();
    String partition = other.bronze.resolve("web_logs/ingest_date=2024-03-02").toString();
    Dataset<Row> shorter = spark.read().parquet(partition).limit(1).localCheckpoint();
    shorter.write().mode(org.apache.spark.sql.SaveMode.Overwrite).parquet(partition);
    ConformResult r = other.run();
    String reason = r.sessionsFullRefreshReason();
    assertTrue(reason.startsWith("bronze file web_logs/ingest_date=2024-03-02/part-") && reason.endsWith(".parquet is gone since the last conform"),
        reason);
    assertEquals(1, other.rows("page_views", null).size());
    assertNotEquals(0, other.rows("session_hit_files", null).size());
  }

  /** Every silver table, its rows sorted, columns in one order. */
  private static Map<String, List<Row>> snapshot() {
    Map<String, List<Row>> out = new LinkedHashMap<>();
    for (String table : run.warehouse().silverTables()) {
      Dataset<Row> df = run.table(table);
      if (table.equals(IdentityResolution.WEB_EVIDENCE)) {
        // a night writes its evidence beside the stored rows, so a key may have a row per night;
        // what the table says is each key's least and greatest time
        df = df.groupBy("cookie_id", "user_id", "confirmed_order_id")
            .agg(org.apache.spark.sql.functions.min("first_seen_at").as("first_seen_at"),
                org.apache.spark.sql.functions.max("last_seen_at").as("last_seen_at"));
      }
      String[] cols = df.columns().clone();
      Arrays.sort(cols);
      Dataset<Row> ordered = df.selectExpr(cols);
      List<Row> rows = new ArrayList<>(ordered.collectAsList());
      rows.sort((a, b) -> a.toString().compareTo(b.toString()));
      out.put(table, rows);
    }
    assertTrue(out.containsKey("sessions") && out.containsKey("session_hits"), out.keySet().toString());
    return out;
  }
}
