package io.crm.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The integral form of E[Y(t) | x, t_x, T] that stands in where the 2F1 form has no series. */
class BgNbdIntegralTest {
  private final BgNbd cdnow = new BgNbd(0.242593, 4.413532, 0.792886, 2.425753, TimeUnit.WEEK);

  @Test
  void agreesWithTheClosedFormWhereBothApply() {
    double[][] customers = {{0, 0}, {1, 5.43}, {2, 30.43}, {7, 35.43}, {20, 38.43}};
    for (double[] c : customers) {
      int x = (int) c[0];
      double closed = cdnow.expectedPurchases(Horizon.of(39, TimeUnit.WEEK), x, c[1], 38.86);
      double integral = cdnow.conditionalByIntegral(x, c[1], 38.86, 39);
      assertEquals(closed, integral, 1e-6 * Math.max(1, closed), "x=" + x);
    }
    // the published figure for x=2, t_x=30.43, T=38.86
    assertEquals(1.226, cdnow.conditionalByIntegral(2, 30.43, 38.86, 39), 5e-4);
  }

  @Test
  void givesFiniteExpectationsWhenABPlusXIsBelowOne() {
    BgNbd smallSampleFit = new BgNbd(0.45, 6.0, 0.1986, 0.7535, TimeUnit.WEEK);
    double oneOff = smallSampleFit.expectedPurchases(Horizon.of(52, TimeUnit.WEEK), 0, 0, 20);
    double later = smallSampleFit.expectedPurchases(Horizon.of(104, TimeUnit.WEEK), 0, 0, 20);
    assertTrue(oneOff > 0 && Double.isFinite(oneOff), "E = " + oneOff);
    assertTrue(later > oneOff, "more time, more purchases");
    // continuity across the switch between the two forms
    BgNbd justAbove = new BgNbd(0.45, 6.0, 0.30, 0.80, TimeUnit.WEEK);
    assertEquals(justAbove.expectedPurchases(Horizon.of(52, TimeUnit.WEEK), 0, 0, 20),
        justAbove.conditionalByIntegral(0, 0, 20, 52), 1e-5);
  }
}
