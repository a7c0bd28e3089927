package io.crm.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NightlyArrivalsTest {
  private static final LocalDate END = GeneratorSettings.DEFAULT_START.plusDays(730);
  private static final Pattern CUSTOMER = Pattern.compile("^O(\\d+)-\\d+,");

  @TempDir Path dir;

  /** A shop of thirty people has days without a visit: those days leave no empty log or event file, which ingest would refuse. */
  @Test
  void aQuietDayLeavesNoEmptyFile() throws IOException {
    GeneratedWorkspace ws = GeneratedWorkspace.generate(dir.resolve("tiny"), 30, 11);
    ArrivalsResult r = new NightlyArrivals(ws.home, 3, line -> { }).run();
    int quiet = 0;
    for (ArrivalsResult.Night n : r.nights()) {
      for (String source : List.of("web_logs", "web_events")) {
        boolean listed = n.files().stream().anyMatch(f -> f.startsWith(source + "/"));
        assertEquals(n.rowsBySource().get(source) > 0, listed, source + " on " + n.day() + ": " + n.files());
        quiet += listed ? 0 : 1;
      }
      for (String f : n.files()) {
        assertTrue(!f.endsWith(".gz") || !GeneratedWorkspace.gzipLines(ws.landing(f)).isEmpty(), f + " is empty");
      }
    }
    assertTrue(quiet > 0, "thirty people visit the shop every day: " + r.nights());
    try (var all = Files.walk(ws.home.resolve("landing"))) {
      List<Path> parts = all.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
      assertEquals(List.of(), parts, "every file written under a hidden name was renamed or removed");
    }
  }

  @Test
  void continuingExtendsTheHistoriesOfTheSamePeopleOneFilePerSourceAndDay() throws IOException {
    GeneratedWorkspace ws = GeneratedWorkspace.generate(dir.resolve("a"), 400, 11);
    Set<String> customersBefore = customers(ws.home);
    ArrivalsResult r = new NightlyArrivals(ws.home, 3, line -> { }).run();

    assertEquals(3, r.nights().size());
    assertEquals(END, r.nights().get(0).day());
    assertEquals(END.plusDays(3), r.endExclusive());
    for (ArrivalsResult.Night n : r.nights()) {
      assertEquals(Source.values().length, n.files().size(), "one file per source on a busy day: " + n.files());
      for (String f : n.files()) {
        assertTrue(f.contains(n.day().toString()), f);
        assertTrue(Files.isRegularFile(ws.landing(f)), f);
      }
    }
    for (String source : List.of("transactions", "web_logs", "web_events", "contacts_de")) {
      assertTrue(r.nights().stream().mapToLong(n -> n.rowsBySource().get(source)).sum() > 0, source + ": " + r.nights());
    }

    // new order lines are dated within their day, placed by people who already existed
    Set<String> buyers = new HashSet<>();
    long lines = 0;
    for (ArrivalsResult.Night n : r.nights()) {
      List<String> rows = GeneratedWorkspace.gzipLines(ws.landing("transactions/orders-" + n.day() + ".csv.gz"));
      for (String row : rows.subList(1, rows.size())) {
        String[] f = row.split(",");
        if (f.length < 15 || f[1].length() < 25) {
          continue; // a dirty row on purpose
        }
        LocalDate day = OffsetDateTime.parse(f[1]).atZoneSameInstant(GeneratorSettings.ZONE).toLocalDate();
        assertEquals(n.day(), day, row);
        Matcher m = CUSTOMER.matcher(row);
        assertTrue(m.find(), row);
        buyers.add(m.group(1));
        lines++;
      }
    }
    assertTrue(lines > 0);
    assertTrue(customersBefore.containsAll(buyers), "no new people: " + buyers);

    JsonNode truth = new ObjectMapper().readTree(ws.landing("_truth.json").toFile());
    assertEquals(730, truth.path("generator").path("days").asInt(), "the period itself is unchanged");
    JsonNode c = truth.path("continuation");
    assertEquals(3, c.path("days").asInt());
    assertEquals(END.plusDays(3).toString(), c.path("end_exclusive").asText());
    assertEquals(3, c.path("nights").size());
    long transactionRows = r.nights().stream().mapToLong(n -> n.rowsBySource().get("transactions")).sum();
    assertEquals(transactionRows, c.path("sources").path("transactions").path("rows").asLong());
    Set<String> listed = new HashSet<>();
    truth.path("files").forEach(f -> listed.add(f.asText()));
    assertTrue(listed.containsAll(r.nights().get(2).files()), "the files list names the new files");

    // continuing again carries on after the last continued day
    ArrivalsResult more = new NightlyArrivals(ws.home, 1, line -> { }).run();
    assertEquals(END.plusDays(3), more.nights().get(0).day());
    JsonNode after = new ObjectMapper().readTree(ws.landing("_truth.json").toFile());
    assertEquals(4, after.path("continuation").path("days").asInt());
    assertEquals(4, after.path("continuation").path("nights").size());
  }

  @Test
  void aDayIsTheSameWhicheverWindowWroteIt() throws IOException {
    GeneratedWorkspace one = GeneratedWorkspace.generate(dir.resolve("one"), 250, 5);
    GeneratedWorkspace two = GeneratedWorkspace.generate(dir.resolve("two"), 250, 5);
    new NightlyArrivals(one.home, 3, line -> { }).run();
    new NightlyArrivals(two.home, 1, line -> { }).run();
    new NightlyArrivals(two.home, 2, line -> { }).run();
    List<Path> files = dayFiles(one.home);
    assertEquals(18, files.size(), files.toString());
    assertEquals(files, dayFiles(two.home));
    for (Path f : files) {
      assertArrayEquals(Files.readAllBytes(one.home.resolve(f)), Files.readAllBytes(two.home.resolve(f)), f.toString());
    }
    String a = Files.readString(one.landing("_truth.json"), StandardCharsets.UTF_8);
    String b = Files.readString(two.landing("_truth.json"), StandardCharsets.UTF_8);
    assertEquals(
        new ObjectMapper().readTree(a).path("continuation").path("sources"),
        new ObjectMapper().readTree(b).path("continuation").path("sources"));
  }

  @Test
  void forceRemovesContinuedDaysAndAWorkspaceWithoutTruthIsRefused() throws IOException {
    GeneratedWorkspace ws = GeneratedWorkspace.generate(dir.resolve("w"), 150, 2);
    new NightlyArrivals(ws.home, 1, line -> { }).run();
    assertFalse(dayFiles(ws.home).isEmpty());
    GeneratedWorkspace.generate(ws.home, 150, 2);
    assertTrue(dayFiles(ws.home).isEmpty(), "a new generation leaves no stale days");
    assertThrows(IllegalArgumentException.class, () -> new NightlyArrivals(dir.resolve("empty"), 1, line -> { }).run());
    assertThrows(IllegalArgumentException.class, () -> new NightlyArrivals(ws.home, 0, line -> { }));
  }

  private static List<Path> dayFiles(Path home) throws IOException {
    try (Stream<Path> s = Files.walk(home.resolve("landing"))) {
      return s.filter(Files::isRegularFile).map(home::relativize)
          .filter(p -> p.getFileName().toString().matches(".*-\\d{4}-\\d{2}-\\d{2}\\..*")).sorted().toList();
    }
  }

  /** Customer numbers of the order ids in the period's transaction files. */
  private static Set<String> customers(Path home) throws IOException {
    Set<String> out = new HashSet<>();
    try (Stream<Path> s = Files.list(home.resolve("landing/transactions"))) {
      for (Path f : s.toList()) {
        for (String row : GeneratedWorkspace.gzipLines(f)) {
          Matcher m = CUSTOMER.matcher(row);
          if (m.find()) {
            out.add(m.group(1));
          }
        }
      }
    }
    return out;
  }
}
