package io.crm.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Weeks and months are never mixed silently: mismatches are refused, conversions explicit. */
class TimeUnitTest {

  private static final BgNbd WEEKLY = new BgNbd(0.2426, 4.4136, 0.7929, 2.4259, TimeUnit.WEEK);

  @Test
  void aHorizonInMonthsIsRefusedByAWeeklyModelNamingBothUnits() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WEEKLY.expectedPurchases(Horizon.of(9, TimeUnit.MONTH), 2, 30.43, 38.86));
    assertTrue(e.getMessage().contains("MONTH") && e.getMessage().contains("WEEK"), e.getMessage());
  }

  @Test
  void aDiscountRatePerYearIsRefusedByAWeeklyScorer() {
    GammaGamma spend = new GammaGamma(6.25, 3.74, 15.44);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ClvScorer(WEEKLY, spend, Horizon.of(52, TimeUnit.WEEK), DiscountRate.of(0.1, TimeUnit.YEAR), 0.3));
    assertTrue(e.getMessage().contains("YEAR") && e.getMessage().contains("WEEK"), e.getMessage());
  }

  @Test
  void explicitConversionGivesTheSameAnswer() {
    double weeks = WEEKLY.expectedPurchases(Horizon.of(39, TimeUnit.WEEK), 2, 30.43, 38.86);
    double months = WEEKLY.expectedPurchases(Horizon.of(39 * 7 / (365.25 / 12), TimeUnit.MONTH).to(TimeUnit.WEEK), 2, 30.43, 38.86);
    assertEquals(weeks, months, 1e-12);
    assertEquals(7.0, Horizon.of(1, TimeUnit.WEEK).to(TimeUnit.DAY).amount(), 1e-12);
  }

  @Test
  void discountRatesConvertByCompounding() {
    DiscountRate weekly = DiscountRate.of(0.10, TimeUnit.YEAR).to(TimeUnit.WEEK);
    assertEquals(TimeUnit.WEEK, weekly.per());
    assertEquals(1.10, Math.pow(1 + weekly.rate(), 365.25 / 7), 1e-12);
  }

  @Test
  void badValuesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Horizon.of(-3, TimeUnit.DAY));
    assertTrue(e.getMessage().contains("-3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TimeUnit.parse("fortnight"));
    assertTrue(e.getMessage().contains("fortnight"), e.getMessage());
    assertEquals(TimeUnit.WEEK, TimeUnit.parse("Weeks"));
  }
}
