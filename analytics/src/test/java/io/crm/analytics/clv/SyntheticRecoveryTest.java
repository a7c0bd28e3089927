package io.crm.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fits data simulated from known parameters and checks they come back within 3 standard errors. */
class SyntheticRecoveryTest {

  @Test
  void bgnbdRecoversTheParametersItWasSimulatedFrom() {
    Map<String, Double> truth = Map.of("r", 0.5, "alpha", 6.0, "a", 0.8, "b", 2.5);
    CustomerSummaries data = new BgNbdSimulator(0.5, 6.0, 0.8, 2.5, 20260101L).continuous(20_000, 26, 52);
    PurchaseFitResult fit = new PurchaseModelFit(ModelKind.BGNBD).fit(data);
    assertFalse(fit.onBoundary(), fit.boundary().toString());
    assertEquals(20_000, fit.customers());
    for (Map.Entry<String, Double> e : truth.entrySet()) {
      ParameterEstimate p = fit.parameter(e.getKey());
      assertTrue(Double.isFinite(p.standardError()) && p.standardError() > 0, p.toString());
      assertEquals(e.getValue(), p.value(), 3 * p.standardError(), e.getKey() + " = " + p.value() + " ± " + p.standardError());
    }
  }

  @Test
  void dailyRoundedDataCollapsesIntoFewTriplesAndStillRecovers() {
    CustomerSummaries data = new BgNbdSimulator(0.25, 4.4, 0.8, 2.4, 7L).daily(20_000, 84, 273);
    assertTrue(data.triples().size() < data.customers() / 2, data.triples().size() + " triples");
    PurchaseFitResult fit = new PurchaseModelFit(ModelKind.BGNBD).fit(data);
    ParameterEstimate r = fit.parameter("r");
    assertEquals(0.25, r.value(), 3 * r.standardError(), "r = " + r.value() + " ± " + r.standardError());
    ParameterEstimate alpha = fit.parameter("alpha");
    assertEquals(4.4, alpha.value(), 3 * alpha.standardError(), "alpha = " + alpha.value() + " ± " + alpha.standardError());
  }
}
