package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.ledger.RunLedger;
import io.crm.jobs.pipeline.Pipeline;
import io.crm.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operating the nightly as an on-call analyst meets it: a second writer while one runs, a night
 * killed with kill -9, a backfill resumed, and nights missed while the machine was down.
 */
class NightOperationsTest {
  private static final List<LocalDate> BACKFILLED = List.of(LocalDate.parse("2024-03-31"), LocalDate.parse("2024-04-01"));

  @TempDir Path dir;

  private static void generate(Path home, LocalDate start, int days) {
    CrmRun.ok("generate", "--home", home.toString(), "--customers", "200", "--days", String.valueOf(days), "--seed", "11",
        "--start", start.toString());
  }

  private static List<LocalDate> nights(Path home) {
    return new RunLedger(home.resolve("warehouse/_runs")).entries().stream()
        .filter(e -> e.job().equals(Pipeline.NIGHT) && e.outcome().equals(RunLedger.OK))
        .map(RunLedger.Entry::asOf)
        .toList();
  }

  /**
   * A backfill runs in another process; a second writer is refused with exit 4 naming it; the
   * backfill is killed with kill -9 after its first day; the same backfill again takes the dead
   * holder's lock over, skips the committed day and finishes the other. The history is loaded by
   * the night of {@link QuarterShop}, so the other process spends its time on the days it backfills.
   */
  @Test
  void aSecondWriterIsRefusedAndAKilledBackfillResumes() throws Exception {
    Path home = dir.resolve("backfill");
    QuarterShop.copyNightTo(home);
    Path log = dir.resolve("backfill.log");
    Process first = CrmProcess.start(log, "backfill", "--home", home.toString(), "--from", "2024-03-31", "--to", "2024-04-01");
    try {
      assertTrue(CrmProcess.await(home.resolve(".crm.lock"), "\"pid\":" + first.pid(), 120, first),
          "the backfill takes the lock: " + CrmProcess.read(log));

      CrmRun second = CrmRun.of("ingest", "--home", home.toString());
      assertEquals(ExitCode.LOCKED, second.exit(), second.out() + second.err());
      assertTrue(second.err().contains("pid " + first.pid()), second.err());
      assertTrue(second.err().contains("backfill"), "names the holder's command: " + second.err());

      Path ledger = home.resolve("warehouse/_runs/jobs.jsonl");
      assertTrue(CrmProcess.await(ledger, "\"job\":\"nightly\",\"as_of\":\"2024-03-31\"", 600, first),
          "a first day committed: " + CrmProcess.read(log));
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    } finally {
      first.destroyForcibly();
    }
    List<LocalDate> before = nights(home).stream().filter(BACKFILLED::contains).toList();
    assertFalse(before.isEmpty());
    assertTrue(before.size() < 2 || !first.isAlive(), "killed before the end: " + before);

    CrmRun resumed = CrmRun.of("backfill", "--home", home.toString(), "--from", "2024-03-31", "--to", "2024-04-01");
    assertEquals(ExitCode.OK, resumed.exit(), resumed.out() + resumed.err());
    assertTrue(resumed.err().contains("took over the workspace lock of pid " + first.pid()), resumed.err());
    assertTrue(resumed.out().contains(before.size() + " already done (skipped)"), resumed.out());
    List<LocalDate> after = nights(home).stream().filter(BACKFILLED::contains).toList();
    assertEquals(BACKFILLED, after.stream().distinct().sorted().toList());
    assertEquals(2, after.size(), "no day ran twice: " + after);
    Warehouse w = Warehouse.open(home.resolve("warehouse").toString(), new Configuration());
    assertEquals(BACKFILLED, w.goldDates("segments").stream().filter(BACKFILLED::contains).toList());
    assertEquals(3, w.goldDates("segments").size(), "the night before and the two backfilled: " + w.goldDates("segments"));
    assertEquals(w.goldDates("segments"), w.goldDates("cubes/sales"));
    try (var scratch = Files.list(home.resolve("warehouse"))) {
      assertTrue(scratch.noneMatch(p -> p.getFileName().toString().equals("_tmp")), "no scratch left behind");
    }
  }

  /** The machine was down: `crm nightly` without a date runs each missed day in order, then has nothing to do. */
  @Test
  void nightlyWithoutADateCatchesUpOnTheMissedDays() {
    Path home = dir.resolve("catchup");
    LocalDate yesterday = LocalDate.now(ZoneId.of("Europe/Berlin")).minusDays(1);
    generate(home, yesterday.minusDays(119), 120);
    CrmRun.ok("nightly", "--home", home.toString(), "--as-of", yesterday.minusDays(2).toString());
    String out = CrmRun.ok("nightly", "--home", home.toString());
    assertTrue(out.contains("2 days, " + yesterday.minusDays(1) + " .. " + yesterday), out);
    assertTrue(out.contains("nothing new in bronze since the last run"), "no export arrived since: " + out);
    assertEquals(List.of(yesterday.minusDays(2), yesterday.minusDays(1), yesterday), nights(home));
    String again = CrmRun.ok("nightly", "--home", home.toString());
    assertTrue(again.contains("nothing to do"), again);
  }
}
