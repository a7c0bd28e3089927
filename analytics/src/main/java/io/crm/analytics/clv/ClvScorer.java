package io.crm.analytics.clv;

import java.io.Serializable;

/**
 * Scores one customer: P(alive), expected purchases and spend, and CLV over a horizon. A pure,
 * serializable function of the customer's summary, so Spark can apply it row by row.
 *
 * <p>CLV formula. With the horizon H and the discount rate d both in the model's unit, the
 * horizon is cut into K = ⌈H⌉ periods ending at t_k = min(k, H). Then
 * <pre>
 *   CLV = margin · E[Z | x, zbar] · Σ_{k=1..K} (E[Y(t_k)] - E[Y(t_{k-1})]) / (1 + d)^{t_k},   t_0 = 0
 * </pre>
 * where E[Y(t)] is the conditional expected number of purchases in (T, T + t] and E[Z | x, zbar]
 * the Gamma-Gamma expected spend per purchase: purchases expected in a period are discounted to
 * the period's end. A horizon or discount rate in another unit than the model's is refused; convert
 * it explicitly with {@link Horizon#to} or {@link DiscountRate#to}.
 */
public record ClvScorer(PurchaseModel purchases, GammaGamma spend, Horizon horizon, DiscountRate discount, double margin)
    implements Serializable {

  public ClvScorer {
    if (purchases == null || spend == null || horizon == null || discount == null) {
      throw new IllegalArgumentException("purchase model, spend model, horizon and discount rate are all required");
    }
    horizon.amountIn(purchases.unit());
    discount.ratePer(purchases.unit());
    if (!(margin >= 0 && margin <= 1)) {
      throw new IllegalArgumentException("margin must be a fraction in [0, 1], got " + margin);
    }
  }

  /**
   * @param x repeat purchases; tx, T in the model's unit
   * @param zbar mean value of the repeat purchases (ignored when x = 0; may be null then)
   */
  public CustomerValue score(int x, double tx, double T, Double zbar) {
    TimeUnit unit = purchases.unit();
    double h = horizon.amountIn(unit);
    double d = discount.ratePer(unit);
    double pAlive = purchases.probabilityAlive(x, tx, T);
    double expected = purchases.expectedPurchases(horizon, x, tx, T);
    if (x > 0 && zbar == null) {
      throw new IllegalArgumentException("customer with x=" + x + " repeat purchases has no mean spend");
    }
    double spendPerPurchase = spend.conditionalExpectedSpend(x, x == 0 ? 0 : zbar);
    return new CustomerValue(pAlive, expected, spendPerPurchase, margin * spendPerPurchase * discountedPurchases(x, tx, T, h, d));
  }

  /** Σ_k (E[Y(t_k)] - E[Y(t_{k-1})]) / (1 + d)^{t_k} over the periods of the horizon. */
  double discountedPurchases(int x, double tx, double T, double h, double d) {
    int periods = (int) Math.ceil(h);
    double logDiscount = Math.log1p(d);
    double previous = 0;
    double total = 0;
    for (int k = 1; k <= periods; k++) {
      double tk = Math.min(k, h);
      double cumulative = purchases.expectedPurchases(new Horizon(tk, purchases.unit()), x, tx, T);
      total += (cumulative - previous) * Math.exp(-tk * logDiscount);
      previous = cumulative;
    }
    return total;
  }
}
