package io.crm.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** CLV as discounted expected purchases times expected spend times margin. */
class ClvScorerTest {

  private static final BgNbd BG = new BgNbd(0.2426, 4.4136, 0.7929, 2.4259, TimeUnit.WEEK);
  private static final GammaGamma GG = new GammaGamma(6.25, 3.74, 15.44);

  @Test
  void withoutDiscountingClvIsMarginTimesSpendTimesExpectedPurchases() {
    ClvScorer scorer = new ClvScorer(BG, GG, Horizon.of(39, TimeUnit.WEEK), DiscountRate.of(0, TimeUnit.WEEK), 0.3);
    CustomerValue v = scorer.score(2, 30.43, 38.86, 22.35);
    assertEquals(1.226, v.expectedPurchases(), 0.0005);
    assertEquals(24.65, v.expectedSpend(), 0.02, "published figure, from rounded parameters");
    assertEquals(0.3 * v.expectedSpend() * v.expectedPurchases(), v.clv(), 1e-9);
    assertTrue(v.probabilityAlive() > 0 && v.probabilityAlive() < 1);
  }

  @Test
  void withoutDropoutTheDiscountedSumIsAnAnnuity() {
    // NBD: E[Y(t)] = (r+x)/(alpha+T)·t, so each week adds the same amount and the sum is an annuity
    Nbd nbd = new Nbd(2, 10, TimeUnit.WEEK);
    double d = 0.002;
    ClvScorer scorer = new ClvScorer(nbd, GG, Horizon.of(52, TimeUnit.WEEK), DiscountRate.of(d, TimeUnit.WEEK), 1);
    CustomerValue v = scorer.score(4, 20, 30, 30.0);
    double perWeek = (2 + 4) / (10 + 30.0);
    double annuity = perWeek * (1 - Math.pow(1 + d, -52)) / d;
    assertEquals(annuity * v.expectedSpend(), v.clv(), 1e-9);
  }

  @Test
  void discountingAndShorterHorizonsLowerTheValue() {
    CustomerValue flat = new ClvScorer(BG, GG, Horizon.of(104, TimeUnit.WEEK), DiscountRate.of(0, TimeUnit.WEEK), 1).score(5, 30, 38, 40.0);
    CustomerValue discounted = new ClvScorer(BG, GG, Horizon.of(104, TimeUnit.WEEK),
        DiscountRate.of(0.15, TimeUnit.YEAR).to(TimeUnit.WEEK), 1).score(5, 30, 38, 40.0);
    CustomerValue shorter = new ClvScorer(BG, GG, Horizon.of(52.5, TimeUnit.WEEK), DiscountRate.of(0, TimeUnit.WEEK), 1).score(5, 30, 38, 40.0);
    assertTrue(discounted.clv() < flat.clv() && shorter.clv() < flat.clv());
    assertEquals(shorter.expectedPurchases() * shorter.expectedSpend(), shorter.clv(), 1e-9, "fractional last period");
  }

  @Test
  void scorerIsSerializableForSpark() throws IOException {
    ClvScorer scorer = new ClvScorer(BG, GG, Horizon.of(39, TimeUnit.WEEK), DiscountRate.of(0, TimeUnit.WEEK), 0.3);
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(scorer);
    }
  }
}
