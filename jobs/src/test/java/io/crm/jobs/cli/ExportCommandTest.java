package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.analytics.marketing.Emails;
import io.crm.jobs.export.ExportLog;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `crm export` on one generated workspace (300 customers, one year) to which a few newsletter
 * prospects with known consent histories, a suppression file and an address the export must
 * refuse were added before the nightly run.
 */
class ExportCommandTest {
  private static final String AS_OF = "2024-12-30";
  private static final String OPTED_IN = "juergen.muessig@example.org";
  private static final String WITHDREW = "withdrew@example.org";
  private static final String ERP_SAID_NO_LATER = "conflict.later.no@example.org";
  private static final String OPTED_IN_AFTER_ERP_NO = "conflict.later.yes@example.org";
  private static final String INVALID = "max..mustermann@example.org";
  private static final String SUPPRESSED_BY_EMAIL = "blocked@example.org";
  private static final String SUPPRESSED_BY_ID = "blocked.by.id@example.org";

  @TempDir static Path home;

  @BeforeAll
  static void workspace() throws IOException {
    CrmRun.ok("generate", "--home", home.toString(), "--customers", "300", "--days", "366", "--seed", "11");
    addNewsletterProspects();
    Files.writeString(home.resolve("suppression.txt"), "# do not contact\n" + "BLOCKED@example.org\n" + "email:" + SUPPRESSED_BY_ID + "\n");
    Files.writeString(home.resolve("crm.yaml"), "\nexports:\n  suppression: [suppression.txt]\n", StandardOpenOption.APPEND);
    CrmRun.ok("nightly", "--home", home.toString(), "--as-of", AS_OF);
  }

  /** Contact records of prospects whose consent the tests know, in both contact exports. */
  private static void addNewsletterProspects() throws IOException {
    String header = "id,customer_number,email,first_name,last_name,company,type,street,zip,city,country,phone,newsletter,opt_in_at,created_at,updated_at,source\n";
    List<String> nl = List.of(
        newsletter("NL-T1", OPTED_IN, "Jürgen", "Müßig", "yes", "2024-03-01 10:00:00", "2024-03-01 10:00:00"),
        newsletter("NL-T2", WITHDREW, "Wanda", "Widerruf", "yes", "2024-02-01 10:00:00", "2024-02-01 10:00:00"),
        newsletter("NL-T2", WITHDREW, "Wanda", "Widerruf", "no", "", "2024-06-01 10:00:00"),
        newsletter("NL-T3", ERP_SAID_NO_LATER, "Lena", "Konflikt", "yes", "2024-03-01 10:00:00", "2024-03-01 10:00:00"),
        newsletter("NL-T4", OPTED_IN_AFTER_ERP_NO, "Jonas", "Später", "yes", "2024-05-01 10:00:00", "2024-05-01 10:00:00"),
        newsletter("NL-T5", INVALID, "Max", "Mustermann", "yes", "2024-03-01 10:00:00", "2024-03-01 10:00:00"),
        newsletter("NL-T6", SUPPRESSED_BY_EMAIL, "Bea", "Blockiert", "yes", "2024-03-01 10:00:00", "2024-03-01 10:00:00"),
        newsletter("NL-T7", SUPPRESSED_BY_ID, "Ida", "Gesperrt", "yes", "2024-03-01 10:00:00", "2024-03-01 10:00:00"));
    Files.writeString(home.resolve("landing/contacts/test-consent.csv"), header + String.join("", nl), StandardCharsets.UTF_8);
    String erp = "Kontakt-Nr;Kundennummer;E-Mail;Vorname;Nachname;Firma;Kundenart;Straße;PLZ;Ort;Land;Telefon;Newsletter;"
        + "Einwilligung am;Angelegt am;Geändert am;Quelle;Umsatz\r\n"
        + "K-T3;;" + ERP_SAID_NO_LATER + ";Lena;Konflikt;;B2C;;;;Deutschland;;nein;;01.03.2024 10:00;01.06.2024 10:00;Webshop;0,00\r\n"
        + "K-T4;;" + OPTED_IN_AFTER_ERP_NO + ";Jonas;Später;;B2C;;;;Deutschland;;nein;;01.02.2024 10:00;01.02.2024 10:00;Webshop;0,00\r\n";
    Files.write(home.resolve("landing/contacts_de/test-consent.csv"), erp.getBytes(Charset.forName("windows-1252")));
  }

  private static String newsletter(String id, String email, String first, String last, String optIn, String optInAt, String updated) {
    return String.join(",", id, "", email, first, last, "", "B2C", "", "", "", "Deutschland", "", optIn, optInAt,
        "2024-02-01 10:00:00", updated, "newsletter_form") + "\n";
  }

  private static CrmRun export(String... args) {
    List<String> argv = new ArrayList<>(List.of("export", "--home", home.toString()));
    argv.addAll(Arrays.asList(args));
    return CrmRun.of(argv.toArray(new String[0]));
  }

  private static String ok(String... args) {
    CrmRun r = export(args);
    assertEquals(ExitCode.OK, r.exit(), String.join(" ", args) + ":\n" + r.out() + r.err());
    return r.out();
  }

  /** The count printed on the line starting with {@code label}. */
  private static int count(String output, String label) {
    Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(label) + "\\s+([0-9,]+)$").matcher(output);
    assertTrue(m.find(), label + " in:\n" + output);
    return Integer.parseInt(m.group(1).replace(",", ""));
  }

  private static List<CSVRecord> csv(Path file, char delimiter) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (text.startsWith("\ufeff")) {
      text = text.substring(1);
    }
    try (Reader r = new StringReader(text)) {
      return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().get().parse(r).getRecords();
    }
  }

  private static Set<String> column(List<CSVRecord> rows, String name) {
    Set<String> out = new HashSet<>();
    rows.forEach(r -> out.add(r.get(name)));
    return out;
  }

  @Test
  void consentSuppressionAndInvalidAddressesDecideWhoIsExported() throws IOException {
    Path file = home.resolve("prospects.csv");
    String out = ok("--lifecycle", "prospect", "--columns", "customer_id,email,first_name,last_name", "--out", file.toString());
    Set<String> emails = column(csv(file, ','), "email");
    assertTrue(emails.contains(OPTED_IN), emails.toString());
    assertTrue(emails.contains(OPTED_IN_AFTER_ERP_NO), "an opt-in after the ERP's no wins: " + emails);
    for (String excluded : List.of(WITHDREW, ERP_SAID_NO_LATER, INVALID, SUPPRESSED_BY_EMAIL, SUPPRESSED_BY_ID)) {
      assertFalse(emails.contains(excluded), excluded + " must not be exported: " + emails);
    }
    assertTrue(count(out, "no consent") >= 2, out);
    assertTrue(count(out, "suppressed") >= 2, out);
    assertTrue(count(out, "invalid e-mail") >= 1, out);
    assertEquals(count(out, "selected"), count(out, "no consent") + count(out, "suppressed") + count(out, "invalid e-mail")
        + count(out, "duplicate") + count(out, "exported"), out);
    assertEquals(count(out, "exported"), emails.size());
  }

  @Test
  void excelDeIsWhatAGermanExcelOpens() throws IOException {
    Path file = home.resolve("key-accounts-de.csv");
    ok("--campaign", "key-accounts", "--format", "excel-de", "--out", file.toString());
    byte[] bytes = Files.readAllBytes(file);
    assertTrue(bytes.length > 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF, "UTF-8 BOM");
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    assertFalse(text.replace("\r\n", "").contains("\n"), "every line ends with CRLF");
    assertTrue(text.startsWith("customer_id;email;first_name;last_name;company;customer_type;country;rfm_segment;"
        + "lifecycle_stage;value_tier;clv;p_alive;risk_band;offer;reason\r\n"), text.substring(0, 200));
    List<CSVRecord> rows = csv(file, ';');
    assertTrue(rows.size() >= 10, "some key accounts with consent: " + rows.size());
    for (CSVRecord r : rows) {
      assertEquals("A", r.get("value_tier"));
      assertTrue(r.get("clv").matches("\\d+,\\d{2}"), "decimal comma: " + r.get("clv"));
      assertTrue(r.get("p_alive").matches("[01],\\d{4}"), "decimal comma: " + r.get("p_alive"));
    }
    assertTrue(text.chars().anyMatch(c -> "äöüÄÖÜß".indexOf(c) >= 0), "German names come through in UTF-8");
    // key accounts come B2B first, then B2G, then B2C
    List<String> types = rows.stream().map(r -> r.get("customer_type")).toList();
    List<String> sorted = new ArrayList<>(types);
    sorted.sort(java.util.Comparator.comparingInt(t -> List.of("B2B", "B2G", "B2C").indexOf(t)));
    assertEquals(sorted, types);

    Path prospects = home.resolve("prospects-de.csv");
    ok("--lifecycle", "prospect", "--format", "excel-de", "--out", prospects.toString());
    CSVRecord juergen = csv(prospects, ';').stream().filter(r -> r.get("email").equals(OPTED_IN)).findFirst().orElseThrow();
    assertEquals("Jürgen", juergen.get("first_name"));
    assertEquals("Müßig", juergen.get("last_name"));
  }

  @Test
  void xlsxHasTypedCellsAndTheRowsOfTheCsv() throws IOException {
    Path xlsx = home.resolve("win-back.xlsx");
    Path plain = home.resolve("win-back.csv");
    String columns = "customer_id,email,clv,p_alive,orders,last_order_date,reason";
    ok("--campaign", "win-back", "--format", "xlsx", "--columns", columns, "--out", xlsx.toString());
    ok("--campaign", "win-back", "--columns", columns, "--out", plain.toString());
    List<CSVRecord> expected = csv(plain, ',');
    assertFalse(expected.isEmpty(), "win-back picks someone on the generated data");
    try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook book = new XSSFWorkbook(in)) {
      XSSFSheet sheet = book.getSheet("win-back");
      assertEquals(List.of(columns.split(",")), cells(sheet.getRow(0)));
      assertEquals(expected.size() + 1, sheet.getPhysicalNumberOfRows());
      assertTrue(sheet.getPaneInformation().isFreezePane());
      assertEquals("A1:G" + (expected.size() + 1), sheet.getCTWorksheet().getAutoFilter().getRef());
      for (int i = 0; i < expected.size(); i++) {
        Row row = sheet.getRow(i + 1);
        CSVRecord want = expected.get(i);
        assertEquals(want.get("customer_id"), row.getCell(0).getStringCellValue());
        assertEquals(CellType.NUMERIC, row.getCell(2).getCellType());
        assertEquals(Double.parseDouble(want.get("clv")), row.getCell(2).getNumericCellValue(), 0.005);
        assertEquals(CellType.NUMERIC, row.getCell(4).getCellType());
        assertEquals(Long.parseLong(want.get("orders")), (long) row.getCell(4).getNumericCellValue());
        assertTrue(DateUtil.isCellDateFormatted(row.getCell(5)), "last_order_date is a date cell");
        assertEquals(want.get("last_order_date"), row.getCell(5).getLocalDateTimeCellValue().toLocalDate().toString());
        assertTrue(row.getCell(6).getStringCellValue().startsWith("at risk, churn probability"), row.getCell(6).getStringCellValue());
      }
    }
  }

  private static List<String> cells(Row row) {
    List<String> out = new ArrayList<>();
    row.forEach(c -> out.add(c.getStringCellValue()));
    return out;
  }

  @Test
  void theExportLogListsTheHashOfEveryExportedAddress() throws IOException {
    Path file = home.resolve("logged.csv");
    ok("--lifecycle", "prospect", "--columns", "email", "--out", file.toString());
    Map<String, Object> entry = new ExportLog(home.resolve("warehouse/_runs")).entries().stream()
        .filter(e -> e.get("file").equals(file.toString())).reduce((a, b) -> b).orElseThrow();
    List<String> hashes = csv(file, ',').stream().map(r -> Emails.sha256(r.get("email"))).toList();
    assertEquals(hashes, entry.get("email_sha256"));
    assertTrue(hashes.contains(Emails.sha256(OPTED_IN)));
    assertEquals(AS_OF, entry.get("as_of"));
    assertEquals(Map.of("lifecycle", List.of("prospect")), entry.get("selection"));
    assertEquals(hashes.size(), entry.get("rows"));
    assertFalse(Files.readString(home.resolve("warehouse/_runs/exports.jsonl")).contains(OPTED_IN), "no address in the log");
  }

  @Test
  void aBudgetBuysTheContactsWithTheHighestExpectedReturnUntilItIsSpent() throws IOException {
    Path all = home.resolve("key-accounts-all.csv");
    ok("--campaign", "key-accounts", "--columns", "customer_id,clv", "--out", all.toString());
    // key-accounts: response rate 0.25, value at stake = CLV; cost 2.5 a contact, budget for 4
    Path budgeted = home.resolve("key-accounts-budget.csv");
    String out = ok("--campaign", "key-accounts", "--columns", "customer_id,clv,expected_return", "--budget", "10",
        "--cost-per-contact", "2.5", "--out", budgeted.toString());
    List<CSVRecord> everyone = new ArrayList<>(csv(all, ','));
    everyone.sort(java.util.Comparator.comparingDouble((CSVRecord r) -> Double.parseDouble(r.get("clv"))).reversed()
        .thenComparing(r -> r.get("customer_id")));
    List<CSVRecord> picked = csv(budgeted, ',');
    assertEquals(everyone.subList(0, 4).stream().map(r -> r.get("customer_id")).toList(),
        picked.stream().map(r -> r.get("customer_id")).toList());
    double expected = 0;
    for (CSVRecord r : picked) {
      double e = Double.parseDouble(r.get("expected_return"));
      assertEquals(Double.parseDouble(r.get("clv")) * 0.25 - 2.5, e, 0.011);
      expected += e;
    }
    assertEquals(4, count(out, "exported"));
    Matcher printed = Pattern.compile("budget: 4 contacts cost 10\\.00; expected return ([0-9.]+) \\(stopped: budget\\)").matcher(out);
    assertTrue(printed.find(), out);
    assertEquals(expected, Double.parseDouble(printed.group(1)), 0.03);
  }

  @Test
  void crossSellNeverOffersSomethingTheCustomerBought() throws IOException, SQLException {
    Path file = home.resolve("cross-sell.csv");
    ok("--campaign", "cross-sell", "--columns", "customer_id,offer,reason,rule_confidence,rule_lift", "--out", file.toString());
    List<CSVRecord> rows = csv(file, ',');
    assertFalse(rows.isEmpty(), "rules found on the generated baskets");
    // the analysts' crm.duckdb has no customer_id; the owner's restricted catalog does
    try (Connection c = DuckDbCatalog.openRestricted(Workspace.open(home));
        PreparedStatement st = c.prepareStatement("SELECT DISTINCT category FROM silver.order_lines WHERE customer_id = ?")) {
      for (CSVRecord r : rows) {
        String item = r.get("offer").replace("10 % on ", "");
        st.setString(1, r.get("customer_id"));
        Set<String> bought = new HashSet<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            bought.add(rs.getString(1));
          }
        }
        assertFalse(bought.isEmpty(), r.get("customer_id") + " is a buyer");
        assertFalse(bought.contains(item), r.get("customer_id") + " already bought " + item);
        assertTrue(r.get("reason").startsWith("bought ") && r.get("reason").contains("-> " + item + " (support"), r.get("reason"));
        assertTrue(Double.parseDouble(r.get("rule_lift")) >= 1.0, r.toString());
      }
    }
  }

  @Test
  void listShowsCampaignsAndValuesWithCounts() {
    String out = ok("--list");
    for (String campaign : List.of("reactivation", "win-back", "cross-sell", "newsletter-conversion", "key-accounts", "satisfaction-check")) {
      assertTrue(out.contains("  " + campaign + " "), campaign + " in:\n" + out);
    }
    assertTrue(Pattern.compile("(?m)^\\s+--lifecycle\\s+prospect\\s+\\d+$").matcher(out).find(), out);
    assertTrue(Pattern.compile("(?m)^\\s+--tier\\s+A\\s+\\d+$").matcher(out).find(), out);
  }

  @Test
  void attributeOptionsCombineAndAClusterLabelWithCommasIsOneValue() throws IOException {
    Matcher m = Pattern.compile("(?m)^\\s+--cluster\\s+(\\S.*?\\S)\\s+\\d+$").matcher(ok("--list"));
    assertTrue(m.find(), "a cluster in --list");
    String label = m.group(1);
    Path file = home.resolve("cluster.csv");
    ok("--cluster", label, "--tier", "A,B", "--min-clv", "20", "--columns", "customer_id,cluster,value_tier,clv", "--out", file.toString());
    List<CSVRecord> rows = csv(file, ',');
    assertFalse(rows.isEmpty(), label);
    for (CSVRecord r : rows) {
      assertEquals(label, r.get("cluster"));
      assertTrue(Set.of("A", "B").contains(r.get("value_tier")), r.toString());
      assertTrue(Double.parseDouble(r.get("clv")) >= 20, r.toString());
    }
  }

  @Test
  void userErrorsAreOneLineWithExitCode3() {
    CrmRun column = export("--columns", "customer_id,emial");
    assertEquals(ExitCode.BAD_INPUT, column.exit());
    assertTrue(column.err().startsWith("crm: unknown column 'emial' in --columns; valid: customer_id, email,"), column.err());
    assertEquals(1, column.err().strip().lines().count(), column.err());

    CrmRun segment = export("--segment", "Champs");
    assertEquals(ExitCode.BAD_INPUT, segment.exit());
    assertTrue(segment.err().contains("--segment 'Champs' is not a value on " + AS_OF + "; values: "), segment.err());

    CrmRun campaign = export("--campaign", "winback");
    assertEquals(ExitCode.BAD_INPUT, campaign.exit());
    assertTrue(campaign.err().contains("no campaign 'winback'; campaigns: reactivation, win-back"), campaign.err());

    CrmRun budget = export("--tier", "A", "--budget", "100", "--cost-per-contact", "1");
    assertEquals(ExitCode.BAD_INPUT, budget.exit());
    assertTrue(budget.err().contains("give --campaign NAME"), budget.err());

    CrmRun asOf = export("--as-of", "2024-06-30");
    assertEquals(ExitCode.BAD_INPUT, asOf.exit());
    assertTrue(asOf.err().contains("no segments snapshot as of 2024-06-30; snapshots: " + AS_OF), asOf.err());

    CrmRun format = export("--format", "xls");
    assertEquals(ExitCode.BAD_INPUT, format.exit());
    assertTrue(format.err().contains("--format must be one of csv, excel-de, xlsx, got 'xls'"), format.err());
  }
}
