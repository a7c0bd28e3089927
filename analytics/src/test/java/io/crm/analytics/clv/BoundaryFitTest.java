package io.crm.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Maxima on the boundary of the parameter space, and data no model can be fitted to. */
class BoundaryFitTest {

  /**
   * A shop where nobody drops out: purchase counts from a Gamma-Poisson (NBD) and every repeat
   * buyer's last purchase falls at the end of the observation (t_x = T). Then each dropout model's
   * likelihood is largest in the no-dropout limit.
   */
  private static CustomerSummaries noDropouts(long seed) {
    BgNbdSimulator draws = new BgNbdSimulator(1, 1, 1, 1, seed);
    SplittableRandom random = new SplittableRandom(seed);
    CustomerSummaries.Builder b = CustomerSummaries.builder(TimeUnit.WEEK);
    for (int i = 0; i < 3_000; i++) {
      double T = 20 + random.nextInt(20);
      double lambda = draws.gamma(2.0) / 10.0;
      int x = poisson(lambda * T, random);
      b.add(x, x == 0 ? 0 : T, T, null);
    }
    return b.build();
  }

  private static int poisson(double mean, SplittableRandom random) {
    int k = 0;
    double t = -Math.log(1 - random.nextDouble());
    while (t < mean) {
      k++;
      t += -Math.log(1 - random.nextDouble());
    }
    return k;
  }

  @Test
  void bgnbdWithoutDropoutsReportsTheBoundaryAndUsesTheNbdLimit() {
    PurchaseFitResult fit = new PurchaseModelFit(ModelKind.BGNBD).fit(noDropouts(11));
    assertTrue(fit.onBoundary());
    assertTrue(fit.boundary().get(0).contains("no dropout"), fit.boundary().toString());
    assertTrue(fit.boundary().get(0).matches(".*(a -> 0|b -> infinity|a/\\(a\\+b\\) -> 0).*"), fit.boundary().toString());
    Nbd limit = assertInstanceOf(Nbd.class, fit.model());
    assertTrue(fit.parameter("a").onBoundary() && fit.parameter("b").onBoundary());
    assertTrue(Double.isNaN(fit.parameter("a").standardError()));
    // r = 2, alpha = 10 within 3 standard errors
    assertEquals(2.0, limit.r(), 3 * fit.parameter("r").standardError());
    assertEquals(10.0, limit.alpha(), 3 * fit.parameter("alpha").standardError());
    assertEquals(1.0, fit.model().probabilityAlive(3, 10, 30));
  }

  @Test
  void paretoNbdWithoutDropoutsReportsTheBoundaryToo() {
    PurchaseFitResult fit = new PurchaseModelFit(ModelKind.PARETO_NBD).fit(noDropouts(12));
    assertTrue(fit.onBoundary(), "expected a boundary, got " + fit.parameters());
    assertTrue(fit.boundary().get(0).matches(".*(s -> 0|beta -> infinity|s/beta -> 0).*"), fit.boundary().toString());
    assertInstanceOf(Nbd.class, fit.model());
  }

  @Test
  void noRepeatBuyersIsNamedAsTheCause() {
    CustomerSummaries.Builder b = CustomerSummaries.builder(TimeUnit.WEEK);
    for (int i = 0; i < 50; i++) {
      b.add(0, 0, 10 + i, null);
    }
    ModelFitException e = assertThrows(ModelFitException.class, () -> new PurchaseModelFit(ModelKind.BGNBD).fit(b.build()));
    assertTrue(e.getMessage().contains("no repeat buyers"), e.getMessage());
  }

  @Test
  void emptyDataIsNamedAsTheCause() {
    ModelFitException e = assertThrows(ModelFitException.class,
        () -> new PurchaseModelFit(ModelKind.PARETO_NBD).fit(CustomerSummaries.builder(TimeUnit.WEEK).build()));
    assertTrue(e.getMessage().contains("no customers"), e.getMessage());
  }

  @Test
  void spendFitWithoutMonetaryValuesIsNamedAsTheCause() {
    ModelFitException e = assertThrows(ModelFitException.class, () -> new GammaGammaFit().fit(noDropouts(3)));
    assertTrue(e.getMessage().contains("no monetary column"), e.getMessage());
  }
}
