package io.crm.analytics.clv;

import static io.crm.analytics.clv.SpecialFunctions.logGamma;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Gamma-Gamma model of spend per purchase (Fader and Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"): each purchase value is Gamma(p, ν) with ν ~ Gamma(q, γ) across customers
 * ({@code v} is γ). The mean zbar of x purchases then has density
 * f(zbar | x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q · zbar^(px-1) · x^(px) / (γ + x·zbar)^(px+q).
 */
public record GammaGamma(double p, double q, double v) implements Serializable {

  public GammaGamma {
    PurchaseModel.checkPositive("p", p);
    PurchaseModel.checkPositive("q", q);
    PurchaseModel.checkPositive("v", v);
  }

  public Map<String, Double> params() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("p", p);
    m.put("q", q);
    m.put("v", v);
    return m;
  }

  /** ln f(zbar | x) for x > 0 purchases with mean value zbar > 0. */
  public double logLikelihood(int x, double zbar) {
    if (x <= 0 || !(zbar > 0)) {
      throw new IllegalArgumentException("spend likelihood needs x > 0 and zbar > 0, got x=" + x + ", zbar=" + zbar);
    }
    return logDensity(p, q, v, x, zbar);
  }

  static double logDensity(double p, double q, double v, int x, double zbar) {
    double px = p * x;
    return logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(v)
        + (px - 1) * Math.log(zbar) + px * Math.log(x) - (px + q) * Math.log(v + x * zbar);
  }

  /** Population mean spend per purchase, p·γ/(q-1); infinite in the model when q <= 1. */
  public double meanSpend() {
    if (!(q > 1)) {
      throw new IllegalStateException("the mean spend per purchase is infinite when q <= 1 (q=" + q + ")");
    }
    return p * v / (q - 1);
  }

  /**
   * E[Z | x, zbar] = p(γ + x·zbar) / (px + q - 1): the posterior mean spend per purchase, a
   * weighted average of the population mean and the customer's own mean. For x = 0 (or no
   * monetary value) it is the population mean.
   */
  public double conditionalExpectedSpend(int x, double zbar) {
    if (x < 0) {
      throw new IllegalArgumentException("frequency must be >= 0, got " + x);
    }
    if (x == 0) {
      return meanSpend();
    }
    if (!(zbar >= 0) || Double.isInfinite(zbar)) {
      throw new IllegalArgumentException("mean spend must be finite and >= 0, got " + zbar);
    }
    double denominator = p * x + q - 1;
    if (!(denominator > 0)) {
      throw new IllegalStateException("conditional spend undefined for px + q <= 1 (p=" + p + ", q=" + q + ", x=" + x + ")");
    }
    return p * (v + x * zbar) / denominator;
  }
}
