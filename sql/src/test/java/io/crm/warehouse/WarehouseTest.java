package io.crm.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WarehouseTest {
  private static final LocalDate DAY = LocalDate.parse("2025-03-01");
  private static final List<String> SILVER = List.of("orders", "sessions", "customers");

  @TempDir Path root;

  /** One night's outputs: every silver table and a gold snapshot, each file saying which night wrote it. */
  private static void night(Warehouse w, String label) throws IOException {
    for (String table : SILVER) {
      write(w.newSilverVersion(table), label, w, table, true);
    }
    write(w.newGoldVersion("segments", DAY), label, w, "segments", false);
  }

  private static void write(String dir, String label, Warehouse w, String table, boolean silver) throws IOException {
    Path d = Path.of(dir);
    Files.createDirectories(d);
    Files.writeString(d.resolve("part-0.parquet"), label, StandardCharsets.UTF_8);
    if (silver) {
      w.stageSilver(table, dir);
    } else {
      w.stageGold(table, DAY, dir);
    }
  }

  /** What a fresh reader sees: the label of every table (null where a table is missing). */
  private List<String> seen() throws IOException {
    Warehouse reader = Warehouse.open(root.toString(), new Configuration());
    List<String> labels = new java.util.ArrayList<>();
    for (String table : SILVER) {
      labels.add(label(reader.silver(table).orElse(null)));
    }
    labels.add(label(reader.gold("segments", DAY).orElse(null)));
    return labels;
  }

  private static String label(String dir) throws IOException {
    return dir == null ? null : Files.readString(Path.of(dir, "part-0.parquet"), StandardCharsets.UTF_8);
  }

  @Test
  void stagedVersionsAreSeenByTheirWriterAndByOthersOnlyAfterTheCommit() throws IOException {
    Warehouse w = Warehouse.open(root.toString(), new Configuration());
    night(w, "night 1");
    assertEquals("night 1", label(w.silver("orders").orElseThrow()), "the writer reads what it staged");
    assertEquals(java.util.Arrays.asList(null, null, null, null), seen(), "nothing is visible before the commit");
    assertEquals(1, w.commit("test", "run-1"));
    assertEquals(List.of("night 1", "night 1", "night 1", "night 1"), seen());
    assertEquals(List.of(DAY), Warehouse.open(root.toString(), new Configuration()).goldDates("segments"));
  }

  /**
   * A writer killed at any step of a commit leaves the previous night visible as a whole or the
   * new one as a whole; the next writer commits on top, and the killed run's folders are removed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"write manifest", "rename manifest", "expire"})
  void aKillAtAnyCommitStepShowsOneWholeNight(String killedAt) throws IOException {
    Warehouse first = Warehouse.open(root.toString(), new Configuration());
    night(first, "night 1");
    first.commit("test", "run-1");

    Warehouse killed = Warehouse.open(root.toString(), new Configuration(), step -> {
      if (step.equals(killedAt)) {
        throw new IllegalStateException("killed at " + step);
      }
    });
    night(killed, "night 2");
    assertThrows(IllegalStateException.class, () -> killed.commit("test", "run-2"));
    List<String> after = seen();
    String expected = killedAt.equals("expire") ? "night 2" : "night 1";
    assertEquals(List.of(expected, expected, expected, expected), after, "one whole night after a kill at " + killedAt);

    Warehouse next = Warehouse.open(root.toString(), new Configuration());
    night(next, "night 3");
    next.commit("test", "run-3");
    assertEquals(List.of("night 3", "night 3", "night 3", "night 3"), seen());
    try (Stream<Path> files = Files.walk(root)) {
      long leftovers = files.filter(p -> p.getFileName().toString().equals("part-0.parquet"))
          .filter(p -> {
            try {
              return Files.readString(p).equals("night 2") && !killedAt.equals("expire");
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }).count();
      assertEquals(0, leftovers, "the killed run's uncommitted versions are removed by the next commit");
    }
  }

  @Test
  void oldManifestsAndTheVersionsOnlyTheyNameAreExpired() throws IOException {
    Warehouse w = Warehouse.open(root.toString(), new Configuration());
    for (int i = 1; i <= Warehouse.KEEP_MANIFESTS + 3; i++) {
      night(w, "night " + i);
      w.commit("test", "run-" + i);
    }
    try (Stream<Path> m = Files.list(root.resolve(Warehouse.MANIFESTS))) {
      assertEquals(Warehouse.KEEP_MANIFESTS, m.filter(p -> p.getFileName().toString().matches("\\d+\\.json")).count());
    }
    try (Stream<Path> v = Files.list(root.resolve("silver/orders"))) {
      assertEquals(Warehouse.KEEP_MANIFESTS, v.filter(p -> p.getFileName().toString().startsWith("v-")).count());
    }
    assertEquals("night " + (Warehouse.KEEP_MANIFESTS + 3), label(Warehouse.open(root.toString(), new Configuration()).silver("orders").orElseThrow()));
  }

  @Test
  void aFailedRunDiscardsWhatItStagedAndHistoryOfOtherDatesSurvives() throws IOException {
    Warehouse w = Warehouse.open(root.toString(), new Configuration());
    night(w, "night 1");
    w.commit("test", "run-1");
    Warehouse later = Warehouse.open(root.toString(), new Configuration());
    String snapshot = later.newGoldVersion("segments", DAY.plusDays(1));
    Files.createDirectories(Path.of(snapshot));
    later.stageGold("segments", DAY.plusDays(1), snapshot);
    later.discardStaged();
    assertFalse(Files.exists(Path.of(snapshot)));
    assertFalse(later.hasStaged());
    assertEquals(List.of(DAY), later.goldDates("segments"));
    assertTrue(later.gold("segments", DAY).isPresent());
  }

  @Test
  void aNameThatIsNotAPlainFolderNameIsRefused() {
    Warehouse w = Warehouse.open(root.toString(), new Configuration());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.silver("../etc"));
    assertTrue(e.getMessage().contains("'../etc'"), e.getMessage());
  }
}
