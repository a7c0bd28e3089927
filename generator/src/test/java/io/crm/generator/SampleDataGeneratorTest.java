package io.crm.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataGeneratorTest {
  @TempDir Path dir;

  private static List<Path> allFiles(Path home) throws IOException {
    try (Stream<Path> s = Files.walk(home)) {
      return s.filter(Files::isRegularFile).map(home::relativize).sorted().toList();
    }
  }

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    GeneratedWorkspace one = GeneratedWorkspace.generate(dir.resolve("one"), 300, 7);
    GeneratedWorkspace two = GeneratedWorkspace.generate(dir.resolve("two"), 300, 7);
    GeneratedWorkspace other = GeneratedWorkspace.generate(dir.resolve("other"), 300, 8);
    List<Path> files = allFiles(one.home);
    assertEquals(files, allFiles(two.home));
    assertTrue(files.size() > 70, "files: " + files);
    int differing = 0;
    for (Path f : files) {
      byte[] a = Files.readAllBytes(one.home.resolve(f));
      assertArrayEquals(a, Files.readAllBytes(two.home.resolve(f)), f.toString());
      if (!java.util.Arrays.equals(a, Files.readAllBytes(other.home.resolve(f)))) {
        differing++;
      }
    }
    assertTrue(differing >= files.size() - 2, "another seed changes (nearly) every file: " + differing + " of " + files.size());
  }

  @Test
  void truncatedFileIsReallyCutOff() throws IOException {
    GeneratedWorkspace ws = GeneratedWorkspace.generate(dir, 300, 3);
    JsonNode t = ws.truth.path("truncated_file");
    Path file = ws.truncatedFile();
    assertEquals(t.path("bytes_after").asLong(), Files.size(file));
    assertTrue(t.path("bytes_after").asLong() < t.path("bytes_before").asLong());
    long lines = 0;
    boolean cut = false;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          lines++;
        }
      }
    } catch (EOFException e) {
      cut = true;
    }
    assertTrue(cut, "reading " + file + " must fail at the cut");
    assertEquals(t.path("complete_lines_readable").asLong(), lines);
    assertTrue(lines > 0 && lines < t.path("lines_written").asLong(), lines + " of " + t.path("lines_written"));
  }

  @Test
  void webTrafficHasBotsLoginsAndConfirmationsOfRealOrders() throws IOException {
    GeneratedWorkspace ws = GeneratedWorkspace.generate(dir, 600, 4);
    Set<String> orders = new HashSet<>();
    for (Path f : ws.files("transactions")) {
      for (String line : GeneratedWorkspace.gzipLines(f)) {
        orders.add(line.substring(0, line.indexOf(',') < 0 ? line.length() : line.indexOf(',')));
      }
    }
    long bots = 0;
    long hits = 0;
    long confirmations = 0;
    Set<String> cookies = new HashSet<>();
    for (Path f : ws.files("web_logs")) {
      if (f.equals(ws.truncatedFile())) {
        continue;
      }
      for (String line : GeneratedWorkspace.gzipLines(f)) {
        hits++;
        String lower = line.toLowerCase(Locale.ROOT);
        if (Stream.of("bot", "crawl", "spider", "slurp", "facebookexternalhit", "python-requests", "headlesschrome")
            .anyMatch(lower::contains)) {
          bots++;
        }
        int at = line.indexOf("/checkout/confirmation?order_id=");
        if (at > 0) {
          String id = line.substring(at + 32, line.indexOf(' ', at));
          id = id.contains("&") ? id.substring(0, id.indexOf('&')) : id;
          assertTrue(orders.contains(id), "confirmation of an unknown order: " + line);
          confirmations++;
        }
        if (line.endsWith("\"")) {
          cookies.add(line.substring(line.lastIndexOf(" \"") + 2, line.length() - 1));
        }
      }
    }
    double botShare = (double) bots / hits;
    assertTrue(botShare > 0.10 && botShare < 0.15, "bot share " + botShare);
    long webOrders = ws.truth.path("realised").path("web_orders").asLong();
    // every web order has its confirmation page; the truncated month is not read here
    assertTrue(confirmations <= webOrders && confirmations > 0.8 * webOrders, confirmations + " of " + webOrders);
    assertTrue(cookies.contains("-") && cookies.size() > 600, "anonymous bots and many cookies: " + cookies.size());
    String events = new String(GeneratedWorkspace.gunzip(ws.files("web_events").get(3)), StandardCharsets.UTF_8);
    for (String e : List.of("\"page_view\"", "\"product_view\"", "\"add_to_cart\"", "\"checkout\"", "\"purchase\"", "\"login\"")) {
      assertTrue(events.contains("\"event\":" + e), "tracker events include " + e);
    }
  }

  @Test
  void writesAConfigWhoseColumnsAreTheFileHeaders() throws IOException {
    GeneratedWorkspace ws = GeneratedWorkspace.generate(dir, 300, 1);
    String yaml = Files.readString(ws.home.resolve("crm.yaml"), StandardCharsets.UTF_8);
    for (String source : List.of("transactions:", "web_logs:", "web_events:", "contacts:", "contacts_de:", "surveys:")) {
      assertTrue(yaml.contains("\n  " + source + "\n"), "crm.yaml has source " + source);
    }
    for (String[] header : List.of(Block.TRANSACTION_HEADER, Block.CONTACT_HEADER, Block.SURVEY_HEADER)) {
      for (String column : header) {
        assertTrue(yaml.contains(": " + column + "\n"), "crm.yaml maps column " + column);
      }
    }
    for (int i = 0; i < Block.CONTACT_DE_HEADER.length - 1; i++) { // Umsatz has no canonical field
      assertTrue(yaml.contains(": " + Block.CONTACT_DE_HEADER[i] + "\n"), "crm.yaml maps " + Block.CONTACT_DE_HEADER[i]);
    }
    JsonNode truth = new ObjectMapper().readTree(ws.landing("_truth.json").toFile());
    assertEquals(300, truth.path("generator").path("customers").asInt());
    assertFalse(truth.path("sources").path("transactions").path("dirty").isEmpty());
  }

  @Test
  void rejectsBadSettingsWithTheValueInTheMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GeneratorSettings(dir, 0, 730, 1, LocalDate.of(2024, 1, 1)));
    assertTrue(e.getMessage().contains("0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new GeneratorSettings(dir, 10, 5, 1, LocalDate.of(2024, 1, 1)));
    assertTrue(e.getMessage().contains("5"), e.getMessage());
  }
}
