package io.crm.analytics.clv;

import io.crm.analytics.Warehouses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.analytics.SharedSpark;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse step recovers known parameters from orders simulated into silver. */
class ClvStepSyntheticTest {
  private static final LocalDate START = LocalDate.parse("2024-01-01");
  private static final LocalDate AS_OF = LocalDate.parse("2024-12-22");

  @TempDir Path dir;

  private static void assertRecovered(double truth, ParameterEstimate e) {
    assertTrue(Double.isFinite(e.standardError()) && e.standardError() > 0, e.name() + " has no standard error");
    double z = (e.value() - truth) / e.standardError();
    assertTrue(Math.abs(z) < 3, e.name() + "=" + e.value() + " (se " + e.standardError() + ") vs truth " + truth + ": z=" + z);
  }

  @Test
  void recoversBgNbdAndGammaGammaParametersFromSimulatedOrders() {
    SparkSession spark = SharedSpark.get();
    Map<String, Double> truth = Map.of("r", 0.25, "alpha", 4.0, "a", 0.8, "b", 2.5, "p", 6.0, "q", 4.0, "v", 15.0);
    SimulatedOrders sim = new SimulatedOrders(0.25, 4.0, 0.8, 2.5, 6.0, 4.0, 15.0, 20241222L);
    String silver = SimulatedOrders.write(spark, sim.orders(5_000, START, 84, AS_OF), dir.resolve("silver"));
    ClvStep step = new ClvStep(spark, new SilverTables(spark, Warehouses.forLayer(silver)), new Snapshots(spark, Warehouses.forLayer(dir.resolve("gold").toString())),
        ClvParams.defaults());
    ClvStep.Fit fit = step.fit(AS_OF);
    assertEquals(5_000, fit.summaries().customers() + fit.newCustomers());
    assertFalse(fit.purchases().onBoundary(), fit.purchases().boundary().toString());
    for (ParameterEstimate e : fit.purchases().parameters()) {
      assertRecovered(truth.get(e.name()), e);
    }
    for (ParameterEstimate e : fit.spend().parameters()) {
      assertRecovered(truth.get(e.name()), e);
    }
  }

  @Test
  void timeUnitsMustBeNamedAndModelMustHaveDropout() {
    assertThrows(IllegalArgumentException.class, () -> ClvParams.fromMap(Map.of("horizon", 52)));
    assertThrows(IllegalArgumentException.class, () -> ClvParams.fromMap(Map.of("discount_rate", 0.1)));
    assertThrows(IllegalArgumentException.class, () -> ClvParams.fromMap(Map.of("model", "nbd")));
    ClvParams p = ClvParams.fromMap(Map.of("unit", "month", "horizon", Map.of("amount", 1, "unit", "year"),
        "discount_rate", Map.of("rate", 0.1, "per", "year")));
    assertEquals(12.0, p.horizonInModelUnit().amount(), 1e-12);
    assertEquals(TimeUnit.MONTH, p.horizonInModelUnit().unit());
    assertEquals(0.1, Math.pow(1 + p.discountInModelUnit().rate(), 12) - 1, 1e-12);
    // the scorer refuses a horizon in another unit than the model's instead of mixing them
    BgNbd model = new BgNbd(0.24, 4.4, 0.79, 2.4, TimeUnit.WEEK);
    GammaGamma spend = new GammaGamma(6.25, 3.74, 15.44);
    assertThrows(IllegalArgumentException.class,
        () -> new ClvScorer(model, spend, p.horizon(), p.discountInModelUnit(), 1.0));
  }
}
