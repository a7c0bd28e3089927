package io.crm.etl.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A conform that finds no bronze file arrived since the last run (a rerun, a backfill of earlier
 * days, a night without exports) writes nothing: every silver table keeps its version. A file
 * that retention retires, or a new one, makes the next run do its work.
 */
class NothingNewConformTest {
  @TempDir Path dir;

  private static Map<String, String> versions(ConformRun run) {
    Map<String, String> out = new TreeMap<>();
    var warehouse = run.warehouse();
    warehouse.silverTables().forEach(t -> out.put(t, warehouse.silver(t).orElseThrow()));
    return out;
  }

  @Test
  void aRunWithoutNewBronzeLeavesEverySilverVersionAsItWas() {
    ConformRun run = new ConformRun(dir);
    BronzeFixtures.transactions().file("orders-1.csv")
        .line("o1", "2024-03-01T09:00:00Z").customer("C1").email("anna@example.com").item("A", 1, "10.00")
        .writeTo(run.bronze, "transactions", "2024-03-02");
    BronzeFixtures.webLogs().file("access-1.log")
        .get("2024-03-01T10:00:00Z", "/").cookie("k1")
        .writeTo(run.bronze, "web_logs", "2024-03-02");
    assertFalse(run.run().nothingNew());
    Map<String, String> first = versions(run);

    ConformResult again = run.run();
    assertTrue(again.nothingNew());
    assertTrue(again.silverRows().isEmpty(), again.silverRows().toString());
    assertEquals(first, versions(run));

    // the night's files become retired: the bookkeeping of consumed files changes, once
    assertFalse(run.run(false, LocalDate.parse("2024-03-03")).nothingNew());
    assertNotEquals(first.get("staged_files"), versions(run).get("staged_files"));
    assertTrue(run.run(false, LocalDate.parse("2024-03-03")).nothingNew(), "retired already");

    BronzeFixtures.webLogs().file("access-2.log")
        .get("2024-03-02T10:00:00Z", "/p/A").cookie("k1")
        .writeTo(run.bronze, "web_logs", "2024-03-04");
    ConformResult next = run.run();
    assertFalse(next.nothingNew());
    assertEquals(2L, next.silverRows().get("sessions"), "k1's visit of March 1 and the new one");
  }
}
