package io.crm.analytics.clv;

import static io.crm.analytics.clv.SpecialFunctions.logGamma;
import static io.crm.analytics.clv.SpecialFunctions.logHyp2f1;
import static io.crm.analytics.clv.SpecialFunctions.logSumExp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The BG/NBD model (Fader, Hardie and Lee 2005, "Counting Your Customers the Easy Way"): while
 * active, a customer buys at Poisson rate λ ~ Gamma(r, alpha); after each purchase the customer
 * drops out with probability p ~ Beta(a, b).
 *
 * <p>Likelihood of one customer (paper, eq. 6), evaluated in log space:
 * L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
 *   + [x > 0] B(a+1, b+x-1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x)),
 * using B(a+1, b+x-1)/B(a, b+x) = a/(b+x-1) so the two terms share one prefactor.
 */
public record BgNbd(double r, double alpha, double a, double b, TimeUnit unit) implements PurchaseModel {

  /** Below this distance of a from 1, the expectation is taken as the mean at 1 ± this (0/0 there). */
  private static final double A_NEAR_ONE = 1e-4;
  /** Below this a + b + x - 1 the 2F1 series is not trusted and the integral form is used. */
  private static final double C_SERIES_MIN = 0.05;

  public BgNbd {
    PurchaseModel.checkPositive("r", r);
    PurchaseModel.checkPositive("alpha", alpha);
    PurchaseModel.checkPositive("a", a);
    PurchaseModel.checkPositive("b", b);
    if (unit == null) {
      throw new IllegalArgumentException("model time unit is missing");
    }
  }

  @Override
  public ModelKind kind() {
    return ModelKind.BGNBD;
  }

  @Override
  public Map<String, Double> params() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("r", r);
    m.put("alpha", alpha);
    m.put("a", a);
    m.put("b", b);
    return m;
  }

  @Override
  public double logLikelihood(int x, double tx, double T) {
    PurchaseModel.checkCustomer(x, tx, T);
    double common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha)
        + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
    double survive = -(r + x) * Math.log(alpha + T);
    if (x == 0) {
      return common + survive;
    }
    double dropped = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
    return common + logSumExp(survive, dropped);
  }

  /**
   * Count-weighted total over the table. Each term that depends on x alone, on (x, T) or on
   * (x, t_x) is computed once per distinct value; the two exponentials of the log-sum-exp are
   * precomputed per pair, scaled by the largest exponent of their x, so each triple costs one
   * logarithm (with log-sum-exp as the fallback where the scaled values underflow).
   */
  static double totalLogLikelihood(double r, double alpha, double a, double b, TripleTable t) {
    int nx = t.distinctX.length;
    double[] common = new double[nx];
    double[] drop = new double[nx];
    double base = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
    double logA = Math.log(a);
    for (int i = 0; i < nx; i++) {
      int x = t.distinctX[i];
      common[i] = base + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
      drop[i] = x > 0 ? logA - Math.log(b + x - 1) : Double.NEGATIVE_INFINITY;
    }
    // exponents: survive(x, T) = -(r+x) ln(α+T); dropped(x, t_x) = drop_x - (r+x) ln(α+t_x)
    double[] survive = new double[t.pairTX.length];
    double[] scale = new double[nx];
    java.util.Arrays.fill(scale, Double.NEGATIVE_INFINITY);
    for (int k = 0; k < survive.length; k++) {
      int xi = t.pairTX[k];
      survive[k] = -(r + t.distinctX[xi]) * Math.log(alpha + t.distinctT[t.pairTT[k]]);
      scale[xi] = Math.max(scale[xi], survive[k]);
    }
    double[] dropped = new double[t.pairTxX.length];
    for (int k = 0; k < dropped.length; k++) {
      int xi = t.pairTxX[k];
      dropped[k] = drop[xi] - (r + t.distinctX[xi]) * Math.log(alpha + t.distinctTx[t.pairTxT[k]]);
      scale[xi] = Math.max(scale[xi], dropped[k]);
    }
    double[] surviveScaled = new double[survive.length];
    for (int k = 0; k < survive.length; k++) {
      surviveScaled[k] = Math.exp(survive[k] - scale[t.pairTX[k]]);
    }
    double[] droppedScaled = new double[dropped.length];
    for (int k = 0; k < dropped.length; k++) {
      droppedScaled[k] = Math.exp(dropped[k] - scale[t.pairTxX[k]]);
    }
    return ParallelSum.over(t.size, (from, to) -> {
      double sum = 0;
      for (int i = from; i < to; i++) {
        int xi = t.xIndex[i];
        double ll;
        if (t.x[i] == 0) {
          ll = survive[t.xTIndex[i]];
        } else {
          double linear = surviveScaled[t.xTIndex[i]] + droppedScaled[t.xTxIndex[i]];
          ll = linear > 1e-250
              ? scale[xi] + Math.log(linear)
              : logSumExp(survive[t.xTIndex[i]], dropped[t.xTxIndex[i]]);
        }
        sum += t.weight[i] * (common[xi] + ll);
      }
      return sum;
    });
  }

  @Override
  public double probabilityAlive(int x, double tx, double T) {
    PurchaseModel.checkCustomer(x, tx, T);
    if (x == 0) {
      return 1;
    }
    double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
    return SpecialFunctions.sigmoid(-logOdds);
  }

  @Override
  public double expectedPurchases(Horizon horizon) {
    double t = horizon.amountIn(unit);
    return conditional(a, 0, 0, 0, t);
  }

  @Override
  public double expectedPurchases(Horizon horizon, int x, double tx, double T) {
    PurchaseModel.checkCustomer(x, tx, T);
    double t = horizon.amountIn(unit);
    return conditional(a, x, tx, T, t);
  }

  /**
   * E[Y(t) | x, t_x, T] (paper, eq. 10); with x = t_x = T = 0 it is E[X(t)] (eq. 9):
   * (a+b+x-1)/(a-1) · [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(α+T+t))]
   * / (1 + [x>0] a/(b+x-1) ((α+T)/(α+t_x))^(r+x)).
   * At a = 1 both factors of the first product vanish or diverge; the value there is the mean of
   * the two sides, which the function approaches smoothly.
   */
  private double conditional(double aa, int x, double tx, double T, double t) {
    if (t == 0) {
      return 0;
    }
    if (Math.abs(aa - 1) < A_NEAR_ONE) {
      return 0.5 * (conditional(1 - A_NEAR_ONE, x, tx, T, t) + conditional(1 + A_NEAR_ONE, x, tx, T, t));
    }
    double c = aa + b + x - 1;
    if (c < C_SERIES_MIN) {
      return conditionalByIntegral(x, tx, T, t);
    }
    double z = t / (alpha + T + t);
    double logH = logHyp2f1(r + x, b + x, c, z);
    if (Double.isNaN(logH)) {
      throw new IllegalStateException("2F1 series did not converge for x=" + x + ", T=" + T + ", t=" + t);
    }
    double logTerm = (r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)) + logH;
    double bracket = -Math.expm1(logTerm);
    double numerator = c / (aa - 1) * bracket;
    if (x == 0) {
      return numerator;
    }
    double logOdds = Math.log(aa) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
    return numerator * SpecialFunctions.sigmoid(-logOdds);
  }

  /**
   * E[Y(t) | x, t_x, T] as a one-dimensional integral over the dropout probability p, for the
   * fits where a + b + x - 1 is near or below zero and the 2F1 form above has no convergent
   * series (small samples give such fits). Integrating λ out of
   * E[(1-p)^x λ^x e^{-λT} (1 - e^{-λpt}) / p] against Gamma(r, α) and dividing by the
   * individual likelihood leaves
   * ∫ p^{a-2} (1-p)^{b+x-1} [1 - ((α+T)/(α+T+pt))^{r+x}] dp
   * / (B(a, b+x) + [x>0] B(a+1, b+x-1) ((α+T)/(α+t_x))^{r+x}),
   * evaluated with tanh-sinh quadrature, which copes with the integrable endpoint singularities.
   */
  double conditionalByIntegral(int x, double tx, double T, double t) {
    double rx = r + x;
    double h = 1.0 / 32;
    double sum = 0;
    for (int k = -160; k <= 160; k++) {
      double s = k * h;
      double u = Math.PI / 2 * Math.sinh(s);
      double p = 1 / (1 + Math.exp(-2 * u));
      double q = 1 / (1 + Math.exp(2 * u));
      if (p <= 0 || q <= 0) {
        continue;
      }
      double weight = Math.PI / 4 * Math.cosh(s) / (Math.cosh(u) * Math.cosh(u));
      double bracket = -Math.expm1(-rx * Math.log1p(p * t / (alpha + T)));
      double logF = (a - 2) * Math.log(p) + (b + x - 1) * Math.log(q) + Math.log(bracket);
      double term = weight * Math.exp(logF);
      if (Double.isFinite(term)) {
        sum += term;
      }
    }
    double logDen = SpecialFunctions.logBeta(a, b + x);
    if (x > 0) {
      logDen = SpecialFunctions.logSumExp(
          logDen, SpecialFunctions.logBeta(a + 1, b + x - 1) + rx * (Math.log(alpha + T) - Math.log(alpha + tx)));
    }
    return Math.exp(Math.log(h * sum) - logDen);
  }
}
