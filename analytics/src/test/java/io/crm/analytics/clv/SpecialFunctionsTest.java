package io.crm.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Known values and identities of the special functions, including far-out arguments. */
class SpecialFunctionsTest {

  @Test
  void logGammaKnownValues() {
    assertEquals(0.5 * Math.log(Math.PI), SpecialFunctions.logGamma(0.5), 1e-14);
    assertEquals(Math.log(120), SpecialFunctions.logGamma(6), 1e-13);
    assertEquals(359.13420536957540, SpecialFunctions.logGamma(100), 1e-10);
    // Γ(x) ~ 1/x for tiny x
    assertEquals(-Math.log(1e-8), SpecialFunctions.logGamma(1e-8), 1e-7);
  }

  @Test
  void hypergeometricIdentities() {
    for (double z : new double[] {0.1, 0.5, 0.9, 0.99}) {
      // 2F1(1, 1; 2; z) = -ln(1 - z) / z
      assertEquals(Math.log(-Math.log1p(-z) / z), SpecialFunctions.logHyp2f1(1, 1, 2, z), 1e-12);
      // 2F1(a, b; b; z) = (1 - z)^-a
      assertEquals(-2.5 * Math.log1p(-z), SpecialFunctions.logHyp2f1(2.5, 3, 3, z), 1e-12);
    }
  }

  @Test
  void largeParametersNeitherOverflowNorLoseTheEulerIdentity() {
    // Euler: 2F1(a, b; c; z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z); terms of the left side peak near 1e300+
    double a = 800;
    double b = 900;
    double c = 1000;
    double z = 0.9;
    double left = SpecialFunctions.logHyp2f1(a, b, c, z);
    double right = (c - a - b) * Math.log1p(-z) + SpecialFunctions.logHyp2f1(c - a, c - b, c, z);
    assertTrue(Double.isFinite(left) && left > 700, "ln 2F1 = " + left);
    assertEquals(right, left, 1e-9 * Math.abs(left));
  }

  @Test
  void oneDFormAgreesWithTheGeneralSeriesAndNearOne() {
    for (double z : new double[] {0.3, 0.8, 0.95, 0.999}) {
      assertEquals(SpecialFunctions.logHyp2f1(1, 2.7, 4.1, z), SpecialFunctions.logHyp2f1OneD(2.7, 4.1, z), 1e-10);
    }
    // e = c - d = 1: F(1, d; d+1; z) = d Σ z^k/(d+k); with d = 1 it is -ln(1-z)/z, also at z = 1 - 1e-9
    double z = 1 - 1e-9;
    assertEquals(Math.log(-Math.log1p(-z) / z), SpecialFunctions.logHyp2f1OneD(1, 2, z), 1e-9);
  }

  @Test
  void bgnbdLikelihoodStaysFiniteForHeavyBuyers() {
    BgNbd m = new BgNbd(0.24, 4.4, 0.79, 2.4, TimeUnit.DAY);
    double ll = m.logLikelihood(50_000, 99_000, 100_000);
    assertTrue(Double.isFinite(ll), "ll = " + ll);
    double e = m.expectedPurchases(Horizon.of(365, TimeUnit.DAY), 500, 990, 1000);
    assertTrue(Double.isFinite(e) && e > 0, "E = " + e);
    ParetoNbd p = new ParetoNbd(0.55, 10.6, 0.61, 11.7, TimeUnit.DAY);
    assertTrue(Double.isFinite(p.logLikelihood(50_000, 99_000, 100_000)));
    assertTrue(Double.isFinite(p.probabilityAlive(3, 1, 100_000)));
  }
}
