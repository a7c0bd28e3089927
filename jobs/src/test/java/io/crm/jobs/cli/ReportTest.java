package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.report.ReportCharts;
import io.crm.jobs.report.ReportFigures;
import io.crm.jobs.report.ReportModel;
import io.crm.jobs.report.ReportModel.Figure;
import io.crm.jobs.report.ReportSettings;
import io.crm.jobs.report.ReportText;
import io.crm.jobs.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `crm report` on a small generated workspace with two segment snapshots: the files it writes,
 * every chart drawn with data, and every key figure restated here as its own query over gold
 * (and silver for revenue and surveys), written without the production SQL.
 */
class ReportTest {
  private static final LocalDate AS_OF = LocalDate.parse("2024-12-30");
  private static final LocalDate PREVIOUS = LocalDate.parse("2024-11-30");
  private static final LocalDate HOLDOUT = LocalDate.parse("2024-10-31");

  @TempDir static Path home;
  private static CrmRun report;
  private static ReportModel model;

  @BeforeAll
  static void build() throws IOException {
    CrmRun.ok("generate", "--home", home.toString(), "--customers", "350", "--days", "366", "--seed", "11");
    // a CLV horizon short enough that a snapshot two months back can be checked against what happened
    Files.writeString(home.resolve("crm.yaml"), "\nclv:\n  horizon: {amount: 8, unit: week}\n", StandardOpenOption.APPEND);
    CrmRun.ok("ingest", "--home", home.toString());
    CrmRun.ok("conform", "--home", home.toString());
    CrmRun.ok("clv", "--home", home.toString(), "--as-of", HOLDOUT.toString());
    // an earlier segments snapshot, so the one as of AS_OF has a migration to show
    CrmRun.ok("segment", "--home", home.toString(), "--as-of", PREVIOUS.toString());
    // then the dated steps of `crm nightly` (ingest and conform are done)
    for (String[] step : List.of(new String[] {"segment"}, new String[] {"clv"}, new String[] {"churn", "score"}, new String[] {"cubes"})) {
      List<String> args = new ArrayList<>(List.of(step));
      args.addAll(List.of("--home", home.toString(), "--as-of", AS_OF.toString()));
      CrmRun.ok(args.toArray(new String[0]));
    }
    CrmRun.ok("serve", "--home", home.toString());
    report = CrmRun.of("report", "--home", home.toString(), "--as-of", AS_OF.toString());
    model = new ReportFigures(Workspace.open(home)).build(AS_OF, null);
  }

  @Test
  void writesHtmlAndPdfInBothLanguages() throws IOException {
    assertEquals(ExitCode.OK, report.exit(), report.out() + report.err());
    Path dir = home.resolve("reports").resolve(AS_OF.toString());
    for (String lang : List.of("de", "en")) {
      Path html = dir.resolve("report-" + lang + ".html");
      Path pdf = dir.resolve("report-" + lang + ".pdf");
      assertTrue(report.out().contains(html.toString()) && report.out().contains(pdf.toString()), report.out());
      String page = Files.readString(html, StandardCharsets.UTF_8);
      assertTrue(page.contains("<svg"), "charts inline");
      for (String fetch : List.of("<script", "<link", "<img", " src=", "url(http", "url('http", "href=\"http")) {
        assertTrue(!page.contains(fetch), "self-contained, but " + html + " has " + fetch);
      }
      try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
        assertTrue(doc.getNumberOfPages() >= 3, "pages: " + doc.getNumberOfPages());
        String text = new PDFTextStripper().getText(doc);
        assertTrue(text.contains(lang.equals("de") ? "Kennzahlen" : "Key figures"), text.substring(0, Math.min(300, text.length())));
      }
    }
  }

  @Test
  void everyChartHasData() {
    for (Locale locale : List.of(Locale.GERMANY, Locale.UK)) {
      Map<String, ReportCharts.Chart> charts = new ReportCharts(new ReportText(locale, model.currency())).all(model);
      assertEquals(Set.of("clv-distribution", "clv-by-segment", "segment-sizes", "risk-bands", "model-auc", "churn-drivers",
          "satisfaction-trend"), charts.keySet());
      for (ReportCharts.Chart c : charts.values()) {
        assertTrue(c.points() > 0, c.id() + " has no data");
        assertTrue(c.svg().contains("<rect") || c.svg().contains("<path"), c.id() + " draws nothing");
      }
    }
    assertTrue(model.clv().distribution().stream().mapToLong(ReportModel.ClvBand::customers).sum() == model.clv().customers());
    assertTrue(!model.segments().moves().isEmpty(), "migration since " + PREVIOUS);
    assertTrue(!model.satisfaction().worstComments().isEmpty(), "comments");
    assertTrue(!model.quality().ingest().isEmpty(), "ingest nights");
  }

  @Test
  void keyFiguresEqualQueriesOverGold() throws SQLException {
    assertEquals(PREVIOUS, model.compareTo());
    int days = 30;
    LocalDate from = AS_OF.minusDays(days);
    try (Connection c = readOnly(); Statement st = c.createStatement()) {
      assertFigure(Figure.CUSTOMERS, st, "SELECT count(*) FILTER (WHERE lifecycle_stage != 'prospect') FROM gold.segments",
          "SELECT count(*) FILTER (WHERE lifecycle_stage != 'prospect') FROM gold_history.segments WHERE as_of_date = DATE '" + PREVIOUS + "'");
      assertFigure(Figure.ACTIVE_CUSTOMERS, st,
          "SELECT sum(CASE WHEN lifecycle_stage IN ('new', 'active', 'reactivated') THEN 1 ELSE 0 END) FROM gold.segments",
          "SELECT sum(CASE WHEN lifecycle_stage IN ('new', 'active', 'reactivated') THEN 1 ELSE 0 END) FROM gold_history.segments "
              + "WHERE as_of_date = DATE '" + PREVIOUS + "'");
      // every buyer has a CLV row with the first and last purchase day up to as_of
      assertFigure(Figure.NEW_CUSTOMERS, st, "SELECT count(*) FROM gold.clv WHERE first_purchase_date BETWEEN DATE '" + from.plusDays(1)
          + "' AND DATE '" + AS_OF + "'", null);
      assertFigure(Figure.LOST_CUSTOMERS, st, "SELECT count(*) FROM gold.clv WHERE date_diff('day', last_purchase_date, DATE '" + AS_OF
          + "') BETWEEN 180 AND " + (180 + days - 1), null);
      assertFigure(Figure.REVENUE, st, "SELECT sum(net_amount) FROM silver.orders WHERE status != 'cancelled' AND order_date BETWEEN DATE '"
          + from.plusDays(1) + "' AND DATE '" + AS_OF + "'",
          "SELECT sum(net_amount) FROM silver.orders WHERE status != 'cancelled' AND order_date BETWEEN DATE '"
          + from.minusDays(days - 1) + "' AND DATE '" + from + "'");
      assertFigure(Figure.CLV_TOTAL, st, "SELECT sum(clv) FROM gold.clv", null);
      assertFigure(Figure.CLV_AVERAGE, st, "SELECT sum(clv) / count(*) FROM gold.clv", null);
      assertFigure(Figure.HIGH_CHURN_RISK_SHARE, st,
          "SELECT count(*) FILTER (WHERE risk_band = 'High') / count(*) FROM gold.churn_scores", null);
      String window = "FROM silver.survey_responses WHERE response_date > DATE '" + AS_OF.minusDays(90) + "' AND response_date <= DATE '" + AS_OF + "'";
      String before = "FROM silver.survey_responses WHERE response_date > DATE '" + PREVIOUS.minusDays(90) + "' AND response_date <= DATE '" + PREVIOUS + "'";
      assertFigure(Figure.CSI, st, "SELECT (avg(csat) - 1) / 4 * 100 " + window + " AND csat IS NOT NULL",
          "SELECT (avg(csat) - 1) / 4 * 100 " + before + " AND csat IS NOT NULL");
      double[] nps = row(st, "SELECT count(*) FILTER (WHERE nps >= 9), count(*) FILTER (WHERE nps <= 6), count(nps) " + window);
      assertEquals(100 * (nps[0] - nps[1]) / nps[2], model.figure(Figure.NPS).value(), 1e-9, "NPS");

      double total = row(st, "SELECT sum(clv) FROM gold.clv")[0];
      List<Double> values = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT clv FROM gold.clv")) {
        while (rs.next()) {
          values.add(rs.getDouble(1));
        }
      }
      values.sort((a, b) -> Double.compare(b, a));
      double top = values.subList(0, (values.size() + 9) / 10).stream().mapToDouble(Double::doubleValue).sum();
      assertEquals(top / total, model.clv().topDecileShare(), 1e-9, "top decile share");
      assertEquals(total, model.clv().byTier().stream().mapToDouble(ReportModel.ClvGroup::total).sum(), 1e-6, "CLV by tier adds up");
      assertEquals((long) row(st, "SELECT count(rfm_segment) FROM gold.segments")[0],
          model.segments().sizes().stream().mapToLong(ReportModel.SegmentSize::customers).sum(), "segment sizes");
      assertEquals((long) row(st, "SELECT count(*) FROM gold.segments")[0],
          model.segments().moves().stream().mapToLong(ReportModel.Move::customers).sum(), "migration covers every customer");
      long scored = (long) row(st, "SELECT count(*) FROM gold.churn_scores")[0];
      ReportModel.RiskBands bands = model.churn().bands().get(model.churn().bands().size() - 1);
      assertEquals(scored, bands.low() + bands.medium() + bands.high(), "risk bands");
      assertEquals(row(st, "SELECT roc_auc FROM gold.churn_model_metrics")[0], model.churn().auc().get(model.churn().auc().size() - 1).rocAuc(), 1e-12);
    }
  }

  @Test
  void clvForecastIsCheckedOnceItsHorizonHasPassed() throws SQLException {
    ReportModel.Holdout h = model.quality().holdout();
    assertNotNull(h, "the snapshot of " + HOLDOUT + " has a horizon of 8 weeks, over before " + AS_OF);
    assertEquals(HOLDOUT, h.snapshot());
    assertEquals(HOLDOUT.plusWeeks(8), h.until());
    try (Connection c = readOnly(); Statement st = c.createStatement()) {
      String snapshot = "FROM gold_history.clv WHERE as_of_date = DATE '" + HOLDOUT + "'";
      assertEquals(row(st, "SELECT sum(expected_purchases) " + snapshot)[0], h.predicted(), 1e-6);
      assertEquals((long) row(st, "SELECT count(*) " + snapshot)[0], h.customers());
      long actual = (long) row(st, "SELECT count(*) FROM (SELECT customer_key, order_date FROM silver.orders o "
          + "WHERE status != 'cancelled' AND order_date > DATE '" + HOLDOUT + "' AND order_date <= DATE '" + HOLDOUT.plusWeeks(8) + "' "
          + "AND EXISTS (SELECT 1 " + snapshot + " AND customer_key = o.customer_key) GROUP BY ALL)")[0];
      assertEquals(actual, h.actual());
      assertTrue(actual > 0, "repeat purchases in the holdout");
    }
  }

  @Test
  void reportSectionOfCrmYaml(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("crm.yaml"), "report: {enabled: false, languages: [EN]}\n");
    ReportSettings settings = ReportSettings.from(Workspace.open(dir).config());
    assertEquals(false, settings.enabled());
    assertEquals(List.of("en"), settings.languages());
    Files.writeString(dir.resolve("crm.yaml"), "timezone: UTC\n");
    assertEquals(List.of("de", "en"), ReportSettings.from(Workspace.open(dir).config()).languages());
    Files.writeString(dir.resolve("crm.yaml"), "report: {languages: [fr]}\n");
    assertThrows(UserException.class, () -> ReportSettings.from(Workspace.open(dir).config()));
  }

  @Test
  void germanReportUsesGermanNumbers() throws IOException {
    ReportText de = new ReportText(Locale.GERMANY, "EUR");
    assertEquals("1.234,56 €", de.moneyExact(1234.56).replace('\u00a0', ' '));
    assertEquals("12,5 %", de.percent(0.125).replace('\u00a0', ' '));
    assertEquals("€1,234.56", new ReportText(Locale.UK, "EUR").moneyExact(1234.56));
    String page = Files.readString(home.resolve("reports/" + AS_OF + "/report-de.html"), StandardCharsets.UTF_8);
    String total = de.money(model.figure(Figure.CLV_TOTAL).value());
    assertTrue(total.replace('\u00a0', ' ').matches("\\d{1,3}(\\.\\d{3})* €"), total);
    assertTrue(page.contains(total), "German page shows " + total);
    assertTrue(page.contains("30.12.2024"), "German date");
    assertTrue(page.contains("Kennzahlen") && page.contains("Definitionen"), "German texts");
  }

  @Test
  void aDateWithoutSnapshotIsAUserError() {
    CrmRun r = CrmRun.of("report", "--home", home.toString(), "--as-of", "2020-01-01");
    assertEquals(ExitCode.BAD_INPUT, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("no segments snapshot as of 2020-01-01"), r.err());
    CrmRun fr = CrmRun.of("report", "--home", home.toString(), "--as-of", AS_OF.toString(), "--lang", "fr");
    assertEquals(ExitCode.BAD_INPUT, fr.exit(), fr.out() + fr.err());
  }

  private static void assertFigure(Figure f, Statement st, String now, String previous) throws SQLException {
    ReportModel.KeyFigure k = model.figure(f);
    double expected = row(st, now)[0];
    assertNotNull(k.value(), f + " has a value");
    assertEquals(expected, k.value(), 1e-9 * Math.max(1, Math.abs(expected)), f.name());
    if (previous == null) {
      if (f == Figure.CLV_TOTAL || f == Figure.CLV_AVERAGE || f == Figure.HIGH_CHURN_RISK_SHARE) {
        assertNull(k.previous(), f + ": no earlier snapshot, so no comparison");
      }
      return;
    }
    double before = row(st, previous)[0];
    assertEquals(before, k.previous(), 1e-9 * Math.max(1, Math.abs(before)), f + " at " + PREVIOUS);
  }

  private static double[] row(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      double[] out = new double[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = rs.getDouble(i + 1);
      }
      return out;
    }
  }

  private static Connection readOnly() throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + home.resolve("crm.duckdb"), p);
  }
}
