package io.crm.etl.ingest;

import static io.crm.etl.ingest.IngestFixture.DAY;
import static io.crm.etl.ingest.IngestFixture.assertReconciles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.etl.source.SourceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Re-running ingest skips what it has; --force re-reads but bronze stays the same; crashes leave bronze intact. */
class IdempotentIngestTest {
  @TempDir Path home;
  @TempDir Path elsewhere;

  private static final SourceConfig ORDERS = ReconciliationIngestTest.orders();

  private static List<String> snapshot(IngestFixture ws, String table) {
    return ws.spark().read().parquet(ws.warehouse().resolve(table).resolve("orders").toString())
        .orderBy("_file", "_line").collectAsList().stream().map(Row::toString).toList();
  }

  @Test
  void rerunsSkipForcedRerunsGiveTheSameBronze() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("orders/day1.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R1 + ReconciliationIngestTest.R2 + ReconciliationIngestTest.BAD, StandardCharsets.UTF_8);
    ws.landing("orders/day2.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R3, StandardCharsets.UTF_8);
    SourceResult first = ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE).sources().get(0);
    assertEquals(3, first.loaded());
    List<String> bronze = snapshot(ws, "bronze");
    List<String> quarantine = snapshot(ws, "quarantine");

    SourceResult again = ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE).sources().get(0);
    assertEquals(0, again.read());
    assertEquals(2, again.filesSkipped());

    SourceResult forced = ws.ingest(List.of(ORDERS), true, DAY, PublishHook.NONE).sources().get(0);
    assertReconciles(forced);
    assertEquals(4, forced.read());
    assertEquals(4, forced.duplicates());
    SourceResult forcedLater = ws.ingest(List.of(ORDERS), true, DAY.plusDays(1), PublishHook.NONE).sources().get(0);
    assertEquals(4, forcedLater.duplicates());
    assertEquals(bronze, snapshot(ws, "bronze"));
    assertEquals(quarantine, snapshot(ws, "quarantine"));

    // a changed file (same path, new content) is read again; only its new record loads
    ws.landing("orders/day2.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R3 + ReconciliationIngestTest.R4, StandardCharsets.UTF_8);
    SourceResult changed = ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE).sources().get(0);
    assertEquals(1, changed.filesSkipped());
    assertEquals(2, changed.read());
    assertEquals(1, changed.loaded());
    assertEquals(1, changed.duplicates());
    assertEquals(4, ws.bronze("orders").count());
  }

  /** Conform recognises the bronze files it consumed by path and length; a second load into the day must keep them. */
  @Test
  void aSecondLoadIntoTheSameDayAddsFilesAndKeepsTheOldOnesByteForByte() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("orders/day1.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R1 + ReconciliationIngestTest.R2, StandardCharsets.UTF_8);
    ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE);
    Path partition = ws.warehouse().resolve("bronze/orders/ingest_date=" + DAY);
    java.util.Map<String, String> before = parquetFiles(partition);
    assertEquals(1, before.size(), before.keySet().toString());

    ws.landing("orders/day2.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R3, StandardCharsets.UTF_8);
    assertEquals(1, ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE).sources().get(0).loaded());
    java.util.Map<String, String> after = parquetFiles(partition);
    assertEquals(2, after.size(), after.keySet().toString());
    before.forEach((name, digest) -> assertEquals(digest, after.get(name), name + " was rewritten"));
    assertEquals(3, ws.bronze("orders").count());
  }

  private static java.util.Map<String, String> parquetFiles(Path dir) throws Exception {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
        out.put(f.getFileName().toString(), java.util.HexFormat.of().formatHex(digest));
      }
    }
    return out;
  }

  @Test
  void crashBeforePublishLeavesThePreviousBronzeAndARerunSucceeds() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("orders/day1.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R1 + ReconciliationIngestTest.BAD, StandardCharsets.UTF_8);
    ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE);
    List<String> bronze = snapshot(ws, "bronze");
    List<String> quarantine = snapshot(ws, "quarantine");

    // same day: the crash hits while the day's partition is being replaced
    ws.landing("orders/day2.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R2 + ReconciliationIngestTest.R3 + "2024-01-03T00:00:00Z,,1,1.00\n", StandardCharsets.UTF_8);
    PublishHook crash = (source, step) -> {
      if (step.equals("staged")) {
        throw new IllegalStateException("simulated crash after writing the temporary output of " + source);
      }
    };
    assertThrows(IllegalStateException.class, () -> ws.ingest(List.of(ORDERS), false, DAY, crash));

    assertEquals(bronze, snapshot(ws, "bronze"));
    assertEquals(quarantine, snapshot(ws, "quarantine"));
    try (Stream<Path> runs = Files.list(ws.warehouse().resolve("_runs/ingest"))) {
      assertEquals(1, runs.filter(p -> p.getFileName().toString().endsWith(".json")).count()); // only the first run is in the ledger
    }

    SourceResult rerun = ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE).sources().get(0);
    assertEquals(1, rerun.filesSkipped());
    assertEquals(3, rerun.read());
    assertEquals(2, rerun.loaded());
    assertEquals(1, rerun.quarantined());
    assertEquals(3, ws.bronze("orders").count());
    assertEquals(2, ws.quarantine("orders").count());
    assertTrue(snapshot(ws, "bronze").containsAll(bronze));
  }

  @Test
  void aCrashBetweenTheTwoRenamesIsRepairedByTheNextRun() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("orders/day1.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R1, StandardCharsets.UTF_8);
    ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE);
    List<String> bronze = snapshot(ws, "bronze");
    // the state the publisher leaves if it dies after moving the live partition aside
    Path live = ws.warehouse().resolve("bronze/orders/ingest_date=" + DAY);
    Files.move(live, live.resolveSibling("_old.20261123T000000Z_abcdef.ingest_date=" + DAY));

    SourceResult r = ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE).sources().get(0);

    assertEquals(1, r.filesSkipped());
    assertEquals(bronze, snapshot(ws, "bronze"));
  }

  /**
   * A kill after the intent is written, between the two partition renames or before the ledger
   * entry is final: the next run completes the publish, so every row is in bronze once, the
   * file counts as ingested, and nothing is recorded as a duplicate.
   */
  @ParameterizedTest
  @ValueSource(strings = {"intent", "swap 1", "swap 2"})
  void aKillAfterTheIntentIsCompletedByTheNextRun(String killedAt) throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("orders/day1.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R1 + ReconciliationIngestTest.BAD, StandardCharsets.UTF_8);
    ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE);
    ws.landing("orders/day2.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R2 + ReconciliationIngestTest.R3
        + "2024-01-03T00:00:00Z,,1,1.00\n", StandardCharsets.UTF_8);
    PublishHook kill = (source, step) -> {
      if (step.equals(killedAt)) {
        throw new IllegalStateException("killed at " + step);
      }
    };
    assertThrows(IllegalStateException.class, () -> ws.ingest(List.of(ORDERS), false, DAY, kill));

    SourceResult rerun = ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE).sources().get(0);
    assertEquals(2, rerun.filesSkipped(), "both files count as ingested once the killed publish is completed");
    assertEquals(0, rerun.read());
    assertEquals(3, ws.bronze("orders").count());
    assertEquals(2, ws.quarantine("orders").count());
    assertEquals(0, ws.bronze("orders").groupBy("_row_hash").count().where("count > 1").count(), "no row twice");
    try (Stream<Path> runs = Files.list(ws.warehouse().resolve("_runs/ingest"))) {
      assertEquals(2, runs.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("_")).count());
    }
    try (Stream<Path> left = Files.list(ws.warehouse())) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().equals("_tmp")), "no scratch left behind");
    }
  }

  @Test
  void aMovedWorkspaceSkipsWhatItAlreadyIngested() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("orders/day1.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R1, StandardCharsets.UTF_8);
    ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE);
    Path moved = elsewhere.resolve("copied");
    try (Stream<Path> all = Files.walk(home)) {
      for (Path p : all.toList()) {
        Files.copy(p, moved.resolve(home.relativize(p).toString()));
      }
    }
    IngestFixture there = new IngestFixture(moved);
    SourceResult r = there.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE).sources().get(0);
    assertEquals(1, r.filesSkipped());
    assertEquals(0, r.read());
    assertEquals(1, there.bronze("orders").count());
  }

  /** A known file is recognised by path, size and modification time without being read to hash it. */
  @Test
  void aFileWithItsRecordedSizeAndTimeIsNotHashedAgain() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    Path day1 = ws.landing("orders/day1.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R1, StandardCharsets.UTF_8);
    ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE);
    FileTime recorded = Files.getLastModifiedTime(day1);

    // same size and time, other bytes: taken as the file already read (the content is not hashed)
    Files.writeString(day1, ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R1.replace("c1", "c9"));
    Files.setLastModifiedTime(day1, recorded);
    SourceResult same = ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE).sources().get(0);
    assertEquals(1, same.filesSkipped());
    assertEquals(0, same.read());

    // a new modification time makes it hash the file, and the changed record loads
    Files.setLastModifiedTime(day1, FileTime.fromMillis(recorded.toMillis() + 60_000));
    SourceResult touched = ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE).sources().get(0);
    assertEquals(0, touched.filesSkipped());
    assertEquals(1, touched.read());
    assertEquals(1, touched.loaded());
  }

  /** The duplicate search reads only bronze rows in the time range of the new records, and still finds every copy. */
  @Test
  void copiesOfEarlierDaysAreFoundWhateverTheirIngestDate() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("orders/day1.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R1 + ReconciliationIngestTest.R2,
        StandardCharsets.UTF_8);
    ws.ingest(List.of(ORDERS), false, DAY, PublishHook.NONE);
    ws.landing("orders/day2.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R3 + ReconciliationIngestTest.R4,
        StandardCharsets.UTF_8);
    ws.ingest(List.of(ORDERS), false, DAY.plusDays(1), PublishHook.NONE);

    // an export overlapping both earlier nights: R2 (day 1) and R3 (day 2) again, R4 not, one new record
    String late = "2024-01-03T09:00:00Z,c5,1,3.00\n";
    ws.landing("orders/day3.csv", ReconciliationIngestTest.HEADER + ReconciliationIngestTest.R2 + ReconciliationIngestTest.R3 + late,
        StandardCharsets.UTF_8);
    SourceResult third = ws.ingest(List.of(ORDERS), false, DAY.plusDays(2), PublishHook.NONE).sources().get(0);
    assertReconciles(third);
    assertEquals(3, third.read());
    assertEquals(2, third.duplicates());
    assertEquals(1, third.loaded());
    assertEquals(5, ws.bronze("orders").count());
  }
}
