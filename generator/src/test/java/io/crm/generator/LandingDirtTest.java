package io.crm.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every landing row parses with the reader one would write from SPEC.md, except the injected dirty
 * rows, and the dirty rows found per kind are exactly the counts in _truth.json.
 */
class LandingDirtTest {
  private static final Pattern COMBINED = Pattern.compile(
      "^(\\S+) (\\S+) (\\S+) \\[([^\\]]*)\\] \"(\\S+) (\\S+) (\\S+)\" (\\S+) (\\S+) \"([^\"]*)\" \"([^\"]*)\" \"([^\"]*)\"$");
  private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss Z", Locale.ENGLISH)
      .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter UTC_SECONDS = strict("uuuu-MM-dd HH:mm:ss");
  private static final DateTimeFormatter GERMAN = strict("dd.MM.uuuu HH:mm");
  private static final DateTimeFormatter LOCAL_MINUTE = strict("uuuu-MM-dd HH:mm");

  @TempDir static Path dir;
  static GeneratedWorkspace ws;

  @BeforeAll
  static void generate() {
    ws = GeneratedWorkspace.generate(dir, 1500, 11);
  }

  private static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  }

  /** Counts of what a reader finds, by dirt kind, plus clean rows. */
  private static final class Found {
    final Map<String, Long> kinds = new LinkedHashMap<>();
    final Set<String> seen = new HashSet<>();
    long rows;

    void add(String kind) {
      kinds.merge(kind, 1L, Long::sum);
    }

    /** Clean so far: a duplicate if the same text came before. */
    void cleanOrDuplicate(String text) {
      if (!seen.add(text)) {
        add("duplicate");
      } else {
        add("clean");
      }
    }
  }

  private static void assertMatchesTruth(String source, Found found) {
    JsonNode s = ws.truth.path("sources").path(source);
    assertEquals(s.path("rows").asLong(), found.rows, source + ": rows read vs _truth.json");
    long dirty = 0;
    for (DirtKind k : DirtKind.values()) {
      long expected = ws.dirty(source, k.key());
      long actual = found.kinds.getOrDefault(k.key(), 0L);
      assertEquals(Math.max(0, expected), actual, source + ": " + k.key() + " rows found vs _truth.json " + found.kinds);
      dirty += actual;
    }
    double share = (double) dirty / found.rows;
    assertTrue(share > 0.006 && share < 0.014, source + ": dirty share " + share + " is not about 1%");
    assertEquals(found.rows - dirty, (long) found.kinds.getOrDefault("clean", 0L), source + ": clean rows");
  }

  private static List<CSVRecord> csv(String text, char delimiter) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true).build();
    try (CSVParser p = CSVParser.parse(new StringReader(text), format)) {
      return p.getRecords();
    }
  }

  private static boolean parses(DateTimeFormatter f, String s) {
    try {
      f.parse(s);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean isoOffset(String s) {
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static BigDecimal decimal(String s) {
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Integer integer(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Test
  void transactionsParseExceptTheirDirtyRows() throws IOException {
    Found found = new Found();
    Set<String> statuses = Set.of("delivered", "shipped", "cancelled", "returned");
    for (Path f : ws.files("transactions")) {
      String text = new String(GeneratedWorkspace.gunzip(f), StandardCharsets.UTF_8);
      for (CSVRecord r : csv(text, ',')) {
        found.rows++;
        if (r.size() != Block.TRANSACTION_HEADER.length) {
          found.add("malformed");
          continue;
        }
        if (!isoOffset(r.get("order_ts"))) {
          found.add("bad_date");
          continue;
        }
        Integer qty = integer(r.get("quantity"));
        BigDecimal unit = decimal(r.get("unit_price"));
        BigDecimal discount = decimal(r.get("discount"));
        BigDecimal amount = decimal(r.get("amount"));
        if (qty == null || unit == null || discount == null || amount == null) {
          found.add("bad_number");
          continue;
        }
        if (r.get("customer_id").isBlank() && r.get("email").isBlank()) {
          found.add("missing_key");
          continue;
        }
        assertEquals(0, unit.multiply(BigDecimal.valueOf(qty)).subtract(discount).compareTo(amount),
            "amount = quantity * unit_price - discount in " + r);
        assertTrue(statuses.contains(r.get("status")), "status " + r.get("status"));
        assertEquals(qty < 0, r.get("status").equals("returned"), "returns and only returns are negative: " + r);
        assertEquals("EUR", r.get("currency"));
        found.cleanOrDuplicate(String.join("\u0001", r.values()));
      }
    }
    assertMatchesTruth("transactions", found);
  }

  @Test
  void accessLogsParseExceptTheirDirtyRows() throws IOException {
    Found found = new Found();
    Path truncated = ws.truncatedFile();
    for (Path f : ws.files("web_logs")) {
      if (f.equals(truncated)) {
        continue; // no dirt was put there; TruncatedFileTest reads it
      }
      for (String line : GeneratedWorkspace.gzipLines(f)) {
        found.rows++;
        Matcher m = COMBINED.matcher(line);
        if (!m.matches()) {
          found.add("malformed");
          continue;
        }
        if (!parses(LOG_TIME, m.group(4))) {
          found.add("bad_date");
          continue;
        }
        if (!m.group(8).matches("\\d{3}") || !m.group(9).matches("\\d+|-")) {
          found.add("bad_number");
          continue;
        }
        found.cleanOrDuplicate(line);
      }
    }
    long truncatedWritten = ws.truth.path("truncated_file").path("lines_written").asLong();
    found.rows += truncatedWritten;
    found.kinds.merge("clean", truncatedWritten, Long::sum);
    assertMatchesTruth("web_logs", found);
  }

  @Test
  void trackerEventsParseExceptTheirDirtyRows() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Found found = new Found();
    for (Path f : ws.files("web_events")) {
      for (String line : GeneratedWorkspace.gzipLines(f)) {
        found.rows++;
        JsonNode e;
        try {
          e = json.readTree(line);
        } catch (IOException ex) {
          found.add("malformed");
          continue;
        }
        if (!e.has("ts") && !e.has("event_id") && !e.has("anonymous_id")) {
          found.add("missing_key");
          continue;
        }
        if (!isoOffset(e.path("ts").asText())) {
          found.add("bad_date");
          continue;
        }
        String event = e.path("event").asText();
        if (event.equals("purchase")) {
          assertTrue(e.path("order_id").asText().startsWith("O"), "purchase without order id: " + line);
        }
        if (event.equals("login")) {
          assertTrue(e.path("user_id").asText().startsWith("C"), "login without user id: " + line);
        }
        found.cleanOrDuplicate(line);
      }
    }
    assertMatchesTruth("web_events", found);
  }

  @Test
  void newsletterContactsParseExceptTheirDirtyRows() throws IOException {
    String text = Files.readString(ws.landing(LandingFiles.CONTACTS_FILE), StandardCharsets.UTF_8);
    assertEquals('\uFEFF', text.charAt(0), "the newsletter export starts with a byte-order mark");
    Found found = new Found();
    for (CSVRecord r : csv(text.substring(1), ',')) {
      found.rows++;
      if (r.size() != Block.CONTACT_HEADER.length) {
        found.add("malformed");
        continue;
      }
      if (!parses(UTC_SECONDS, r.get("created_at"))) {
        found.add("bad_date");
        continue;
      }
      if (r.get("id").isBlank() && r.get("customer_number").isBlank() && r.get("email").isBlank()) {
        found.add("missing_key");
        continue;
      }
      assertTrue(parses(UTC_SECONDS, r.get("updated_at")), r.toString());
      assertTrue(r.get("opt_in_at").isEmpty() || parses(UTC_SECONDS, r.get("opt_in_at")), r.toString());
      assertEquals(r.get("newsletter").equals("yes"), !r.get("opt_in_at").isEmpty(), "opt-in has a timestamp: " + r);
      found.cleanOrDuplicate(String.join("\u0001", r.values()));
    }
    assertMatchesTruth("contacts", found);
  }

  @Test
  void germanExportParsesInItsDialectExceptTheDirtyRows() throws IOException {
    byte[] bytes = Files.readAllBytes(ws.landing(LandingFiles.CONTACTS_DE_FILE));
    String text = new String(bytes, Charset.forName("windows-1252"));
    assertTrue(text.contains("Straße") && text.contains("Geändert am"), "header in Windows-1252");
    assertTrue(!new String(bytes, StandardCharsets.UTF_8).contains("ü"), "umlauts are not UTF-8");
    Found found = new Found();
    NumberFormat german = NumberFormat.getNumberInstance(Locale.GERMANY);
    boolean umlautCity = false;
    for (CSVRecord r : csv(text, ';')) {
      found.rows++;
      if (r.size() != Block.CONTACT_DE_HEADER.length) {
        found.add("malformed");
        continue;
      }
      if (!parses(GERMAN, r.get("Angelegt am"))) {
        found.add("bad_date");
        continue;
      }
      if (r.get("Kontakt-Nr").isBlank() && r.get("Kundennummer").isBlank() && r.get("E-Mail").isBlank()) {
        found.add("missing_key");
        continue;
      }
      String umsatz = r.get("Umsatz");
      ParsePosition pos = new ParsePosition(0);
      german.parse(umsatz, pos);
      assertEquals(umsatz.length(), pos.getIndex(), "decimal comma amount: " + umsatz);
      assertTrue(umsatz.matches("-?\\d{1,3}(\\.\\d{3})*,\\d{2}"), umsatz);
      assertTrue(Set.of("ja", "nein").contains(r.get("Newsletter")), r.toString());
      umlautCity |= r.get("Ort").matches(".*[äöüÄÖÜß].*");
      found.cleanOrDuplicate(String.join("\u0001", r.values()));
    }
    assertTrue(umlautCity, "some cities carry umlauts");
    assertMatchesTruth("contacts_de", found);
  }

  @Test
  void surveysParseExceptTheirDirtyRows() throws IOException {
    String text = Files.readString(ws.landing(LandingFiles.SURVEYS_FILE), StandardCharsets.UTF_8);
    Found found = new Found();
    for (CSVRecord r : csv(text, ',')) {
      found.rows++;
      if (r.size() != Block.SURVEY_HEADER.length) {
        found.add("malformed");
        continue;
      }
      if (!parses(LOCAL_MINUTE, r.get("submitted_at"))) {
        found.add("bad_date");
        continue;
      }
      Integer csat = integer(r.get("csat"));
      Integer nps = integer(r.get("nps"));
      if (csat == null || nps == null) {
        found.add("bad_number");
        continue;
      }
      if (r.get("customer_id").isBlank() && r.get("email").isBlank()) {
        found.add("missing_key");
        continue;
      }
      assertTrue(csat >= 1 && csat <= 5 && nps >= 0 && nps <= 10, r.toString());
      found.cleanOrDuplicate(String.join("\u0001", r.values()));
    }
    assertMatchesTruth("surveys", found);
  }

  @Test
  void accessLogTimesAreInTheBusinessZone() throws IOException {
    Path f = ws.files("web_logs").get(6); // July: summer time
    Matcher m = COMBINED.matcher(GeneratedWorkspace.gzipLines(f).get(0));
    assertTrue(m.matches());
    assertEquals(2 * 3600, ZonedDateTime.parse(m.group(4), LOG_TIME).getOffset().getTotalSeconds());
  }
}
