package io.crm.analytics.clv;

import io.crm.analytics.Warehouses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.analytics.SharedSpark;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CDNOW end to end through the warehouse: the raw transaction file as silver orders, then the
 * CLV step as of the end of the calibration period (1997-09-30), in weeks. Targets are the
 * published figures quoted in src/test/resources/cdnow/SOURCE.md.
 */
class ClvStepCdnowTest {
  private static final LocalDate CALIBRATION_END = LocalDate.parse("1997-09-30");
  private static final LocalDate HOLDOUT_END = LocalDate.parse("1998-06-30");

  @TempDir static Path dir;
  private static SparkSession spark;
  private static ClvStep step;
  private static ClvStep.Fit fit;

  @BeforeAll
  static void setUp() {
    spark = SharedSpark.get();
    String silver = CdnowSilverOrders.writeTo(spark, dir.resolve("silver"));
    ClvParams params = new ClvParams(ModelKind.BGNBD, TimeUnit.WEEK, Horizon.of(39, TimeUnit.WEEK),
        DiscountRate.of(0.0, TimeUnit.WEEK), 1.0);
    step = new ClvStep(spark, new SilverTables(spark, Warehouses.forLayer(silver)), new Snapshots(spark, Warehouses.forLayer(dir.resolve("gold").toString())), params);
    fit = step.fit(CALIBRATION_END);
  }

  private static void assertWithin(double expected, double actual, double relative, String what) {
    assertEquals(expected, actual, Math.abs(expected) * relative, what + ": expected " + expected + " got " + actual);
  }

  @Test
  void summariesReproduceThePublishedSummaryFile() throws IOException {
    Map<String, double[]> expected = new HashMap<>();
    List<String> lines = Files.readAllLines(CdnowFixtures.resource("cdnow_customers_summary_with_transactions.csv"),
        StandardCharsets.US_ASCII);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.strip().split(",");
      expected.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
          Double.parseDouble(f[4])});
    }
    List<Row> rows = step.summaries(CALIBRATION_END).collectAsList();
    assertEquals(2357, rows.size());
    int mismatches = 0;
    for (Row r : rows) {
      double[] e = expected.get(r.getString(0));
      int x = r.getInt(r.fieldIndex("x"));
      double tx = r.getInt(r.fieldIndex("tx_days")) / 7.0;
      double T = r.getInt(r.fieldIndex("t_days")) / 7.0;
      double zbar = r.isNullAt(r.fieldIndex("zbar")) ? 0 : r.getDouble(r.fieldIndex("zbar"));
      if (e == null || e[0] != x || Math.abs(e[1] - tx) > 0.005 + 1e-9 || Math.abs(e[2] - T) > 0.005 + 1e-9
          || Math.abs(e[3] - zbar) > 0.005 + 1e-9) {
        mismatches++;
      }
    }
    assertEquals(0, mismatches, "customers whose x, t_x, T or zbar differ from the summary file");
    assertEquals(2357, fit.summaries().customers());
    assertEquals(0, fit.newCustomers());
    assertEquals(2457, fit.summaries().triples().stream().mapToLong(t -> t.x() * t.count()).sum());
  }

  @Test
  void bgnbdParametersMatchThePaper() {
    PurchaseFitResult p = fit.purchases();
    assertFalse(p.onBoundary(), p.boundary().toString());
    assertEquals(2357, p.customers());
    assertWithin(0.2426, p.parameter("r").value(), 0.005, "r");
    assertWithin(4.4136, p.parameter("alpha").value(), 0.005, "alpha");
    assertWithin(0.7929, p.parameter("a").value(), 0.005, "a");
    assertWithin(2.4259, p.parameter("b").value(), 0.005, "b");
    assertWithin(-9582.43, p.logLikelihood(), 0.005, "log-likelihood");
  }

  @Test
  void paretoNbdThroughTheWarehouseMatchesThePaper() {
    ClvParams params = new ClvParams(ModelKind.PARETO_NBD, TimeUnit.WEEK, Horizon.of(39, TimeUnit.WEEK),
        DiscountRate.of(0.0, TimeUnit.WEEK), 1.0);
    ClvStep pareto = new ClvStep(spark, new SilverTables(spark, Warehouses.forLayer(dir.resolve("silver").toString())),
        new Snapshots(spark, Warehouses.forLayer(dir.resolve("pareto/gold").toString())), params);
    PurchaseFitResult p = pareto.fit(CALIBRATION_END).purchases();
    assertFalse(p.onBoundary(), p.boundary().toString());
    assertWithin(0.553, p.parameter("r").value(), 0.005, "r");
    assertWithin(10.578, p.parameter("alpha").value(), 0.005, "alpha");
    assertWithin(0.606, p.parameter("s").value(), 0.005, "s");
    assertWithin(11.669, p.parameter("beta").value(), 0.005, "beta");
    assertWithin(-9595.0, p.logLikelihood(), 0.005, "log-likelihood");
  }

  @Test
  void gammaGammaParametersMatchTheNote() {
    SpendFitResult s = fit.spend();
    assertEquals(946, s.customers());
    assertWithin(6.25, s.model().p(), 0.005, "p");
    assertWithin(3.74, s.model().q(), 0.005, "q");
    assertWithin(15.44, s.model().v(), 0.005, "v");
  }

  /**
   * The holdout (weeks 40-78 of the cohort, 1997-10-01 .. 1998-06-30): the actual repeat
   * purchase days are 1,882 (SOURCE.md). The BG/NBD at the published parameters under-forecasts
   * this holdout: the sum of the 2,357 conditional expectations E[Y(39) | x, t_x, T] evaluated
   * independently (scipy's hyp2f1 on cdnow_customers_summary.csv at r=0.242593, alpha=4.413532,
   * a=0.792886, b=2.425752) is 1,653.42, i.e. 12.1 % below the actual. So the test asks for that
   * model figure within 0.5 %, and for the gap to the actual to stay within 15 % (not 10 %: the
   * published model itself misses by 12 %).
   */
  @Test
  void holdoutPredictionTracksActualPurchases() {
    List<ClvStep.TrackingWeek> weeks = step.tracking(fit, HOLDOUT_END);
    assertEquals(39, weeks.size());
    assertEquals(LocalDate.parse("1997-10-01"), weeks.get(0).from());
    assertEquals(HOLDOUT_END, weeks.get(38).to());
    ClvStep.TrackingWeek last = weeks.get(38);
    assertEquals(1882, last.cumulativeActual());
    assertEquals(1882, weeks.stream().mapToLong(ClvStep.TrackingWeek::actual).sum());
    System.out.printf("CDNOW holdout: actual %d, conditional %.1f, unconditional %.1f%n", last.cumulativeActual(),
        last.cumulativePredicted(), last.cumulativeUnconditionalPredicted());
    assertWithin(1653.42, last.cumulativePredicted(), 0.005, "conditional holdout forecast vs the published model");
    assertWithin(1882, last.cumulativePredicted(), 0.15, "conditional holdout forecast vs actual");
    assertWithin(1882, last.cumulativeUnconditionalPredicted(), 0.15, "unconditional holdout forecast vs actual");
    double sumPredicted = weeks.stream().mapToDouble(ClvStep.TrackingWeek::predicted).sum();
    assertEquals(last.cumulativePredicted(), sumPredicted, 1e-6);
    for (ClvStep.TrackingWeek w : weeks) {
      assertTrue(w.predicted() > 0, "week " + w.week() + " predicts " + w.predicted());
    }
  }

  @Test
  void runPublishesEveryCustomerAndTheModelRow() {
    ClvStep.Result result = step.run(CALIBRATION_END);
    assertEquals(2357, result.customers());
    Snapshots gold = new Snapshots(spark, Warehouses.forLayer(dir.resolve("gold").toString()));
    List<Row> clv = gold.read(ClvStep.TABLE, CALIBRATION_END).collectAsList();
    assertEquals(2357, clv.size());
    Row first = clv.stream().filter(r -> r.getString(0).equals("1")).findFirst().orElseThrow();
    // ID 1: x=2, t_x=30.43, T=38.86 expects 1.226 purchases in the next 39 weeks (SOURCE.md)
    assertEquals(2, first.getInt(first.fieldIndex("frequency")));
    assertWithin(1.226, first.getDouble(first.fieldIndex("expected_purchases")), 0.005, "E[Y(39)] of ID 1");
    // Hardie's spreadsheet: conditional expected average profit of ID 1 is 24.65
    assertWithin(24.65, first.getDouble(first.fieldIndex("expected_spend")), 0.005, "E[Z] of ID 1");
    ClvScorer scorer = new ClvScorer(fit.purchases().model(), fit.spend().model(), Horizon.of(39, TimeUnit.WEEK),
        DiscountRate.of(0.0, TimeUnit.WEEK), 1.0);
    for (Row r : clv.subList(0, 50)) {
      int x = r.getInt(r.fieldIndex("frequency"));
      double z = r.isNullAt(r.fieldIndex("monetary_value")) ? 0 : r.getDouble(r.fieldIndex("monetary_value"));
      CustomerValue v = scorer.score(x, r.getDouble(r.fieldIndex("recency")), r.getDouble(r.fieldIndex("age")), x == 0 ? null : z);
      assertEquals(v.clv(), r.getDouble(r.fieldIndex("clv")), 1e-9 * Math.max(1, v.clv()));
      assertEquals(v.probabilityAlive(), r.getDouble(r.fieldIndex("p_alive")), 1e-12);
    }
    List<Row> models = gold.read(ClvStep.MODELS_TABLE, CALIBRATION_END).collectAsList();
    assertEquals(1, models.size());
    Row m = models.get(0);
    assertEquals("bgnbd", m.getString(m.fieldIndex("model")));
    assertEquals("week", m.getString(m.fieldIndex("time_unit")));
    assertEquals(fit.purchases().logLikelihood(), m.getDouble(m.fieldIndex("log_likelihood")), 1e-9);
    Map<String, Double> se = m.getJavaMap(m.fieldIndex("standard_errors"));
    assertWithin(0.012557, se.get("r"), 0.02, "se r");
  }
}
