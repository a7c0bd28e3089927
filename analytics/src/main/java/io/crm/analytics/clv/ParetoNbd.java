package io.crm.analytics.clv;

import static io.crm.analytics.clv.SpecialFunctions.logGamma;
import static io.crm.analytics.clv.SpecialFunctions.logHyp2f1OneD;
import static io.crm.analytics.clv.SpecialFunctions.logSumExp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987): while active, a customer buys at
 * Poisson rate λ ~ Gamma(r, alpha) and has an exponential lifetime with rate μ ~ Gamma(s, beta).
 *
 * <p>Likelihood as derived in Fader and Hardie's note on the Pareto/NBD (2005):
 * L = Γ(r+x) α^r β^s / Γ(r) · { 1 / ((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A0 }, with
 * A0 = F(t_x) - F(T). For α >= β, F(t) = 2F1(r+s+x, s+1; r+s+x+1; (α-β)/(α+t)) / (α+t)^(r+s+x);
 * for α < β, F(t) = 2F1(r+s+x, r+x; r+s+x+1; (β-α)/(β+t)) / (β+t)^(r+s+x). The argument is in
 * [0, 1) in both branches. Each 2F1(A, B; A+1; z) is computed after Euler's transformation as
 * (1-z)^(1-B) 2F1(1, A+1-B; A+1; z), a series of positive, falling terms.
 */
public record ParetoNbd(double r, double alpha, double s, double beta, TimeUnit unit) implements PurchaseModel {

  /** Below this distance of s from 1 the (1 - y^(s-1))/(s-1) factor uses its limit. */
  private static final double S_NEAR_ONE = 1e-10;

  public ParetoNbd {
    PurchaseModel.checkPositive("r", r);
    PurchaseModel.checkPositive("alpha", alpha);
    PurchaseModel.checkPositive("s", s);
    PurchaseModel.checkPositive("beta", beta);
    if (unit == null) {
      throw new IllegalArgumentException("model time unit is missing");
    }
  }

  @Override
  public ModelKind kind() {
    return ModelKind.PARETO_NBD;
  }

  @Override
  public Map<String, Double> params() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("r", r);
    m.put("alpha", alpha);
    m.put("s", s);
    m.put("beta", beta);
    return m;
  }

  /** ln F(t) of the class comment, for the branch fixed by α and β. */
  static double logF(double r, double alpha, double s, double beta, int x, double t) {
    double logAt = Math.log(alpha + t);
    double logBt = Math.log(beta + t);
    double n = r + s + x;
    if (alpha >= beta) {
      double z = (alpha - beta) / (alpha + t);
      return -s * (logBt - logAt) + logHyp2f1OneD(r + x, n + 1, z) - n * logAt;
    }
    double z = (beta - alpha) / (beta + t);
    return (1 - r - x) * (logAt - logBt) + logHyp2f1OneD(s + 1, n + 1, z) - n * logBt;
  }

  /** ln A0 from ln F(t_x) and ln F(T); A0 is an integral over (t_x, T], zero when t_x = T. */
  static double logA0(double logFtx, double logFT) {
    double d = logFT - logFtx;
    if (d >= 0) {
      // equal up to rounding means A0 = 0; clearly larger would be a numerical failure
      return d <= 1e-12 * (1 + Math.abs(logFtx)) ? Double.NEGATIVE_INFINITY : Double.NaN;
    }
    return SpecialFunctions.logDiffExp(logFtx, logFT);
  }

  @Override
  public double logLikelihood(int x, double tx, double T) {
    PurchaseModel.checkCustomer(x, tx, T);
    double lc = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    return lc + logSumExp(logAlive(x, T), logDead(x, tx, T));
  }

  /** ln of the first term in braces: alive at T. */
  private double logAlive(int x, double T) {
    return -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  }

  /** ln of s/(r+s+x)·A0: died between t_x and T. */
  private double logDead(int x, double tx, double T) {
    double la0 = logA0(logF(r, alpha, s, beta, x, tx), logF(r, alpha, s, beta, x, T));
    if (Double.isNaN(la0)) {
      throw new IllegalStateException("Pareto/NBD A0 not computable at " + params() + " for x=" + x + ", t_x=" + tx + ", T=" + T);
    }
    return Math.log(s) - Math.log(r + s + x) + la0;
  }

  /**
   * Count-weighted total over the table. 2F1 values are computed once per distinct (x, t_x) and
   * (x, T) pair; alive and dead terms are precomputed per pair as exponentials scaled by the largest
   * exponent of their x, so each triple costs one logarithm of (alive + dead(t_x) - dead(T)); where
   * the scaled values underflow or cancel, the log-space form is used instead.
   */
  static double totalLogLikelihood(double r, double alpha, double s, double beta, TripleTable t) {
    int nx = t.distinctX.length;
    double[] common = new double[nx];
    double[] deadConst = new double[nx];
    double[] scale = new double[nx];
    java.util.Arrays.fill(scale, Double.NEGATIVE_INFINITY);
    double base = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    for (int i = 0; i < nx; i++) {
      int x = t.distinctX[i];
      common[i] = base + logGamma(r + x);
      deadConst[i] = Math.log(s) - Math.log(r + s + x);
    }
    double[] fTx = new double[t.pairTxX.length];
    for (int k = 0; k < fTx.length; k++) {
      int xi = t.pairTxX[k];
      fTx[k] = logF(r, alpha, s, beta, t.distinctX[xi], t.distinctTx[t.pairTxT[k]]);
      if (Double.isNaN(fTx[k])) {
        return Double.NaN; // outside the range the 2F1 series handles: infeasible for the optimiser
      }
      scale[xi] = Math.max(scale[xi], deadConst[xi] + fTx[k]);
    }
    double[] fT = new double[t.pairTX.length];
    double[] alive = new double[t.pairTX.length];
    for (int k = 0; k < fT.length; k++) {
      int xi = t.pairTX[k];
      double T = t.distinctT[t.pairTT[k]];
      fT[k] = logF(r, alpha, s, beta, t.distinctX[xi], T);
      if (Double.isNaN(fT[k])) {
        return Double.NaN;
      }
      alive[k] = -(r + t.distinctX[xi]) * Math.log(alpha + T) - s * Math.log(beta + T);
      scale[xi] = Math.max(scale[xi], alive[k]);
    }
    double[] fTxScaled = new double[fTx.length];
    for (int k = 0; k < fTx.length; k++) {
      int xi = t.pairTxX[k];
      fTxScaled[k] = Math.exp(deadConst[xi] + fTx[k] - scale[xi]);
    }
    double[] fTScaled = new double[fT.length];
    double[] aliveScaled = new double[fT.length];
    for (int k = 0; k < fT.length; k++) {
      int xi = t.pairTX[k];
      fTScaled[k] = Math.exp(deadConst[xi] + fT[k] - scale[xi]);
      aliveScaled[k] = Math.exp(alive[k] - scale[xi]);
    }
    return ParallelSum.over(t.size, (from, to) -> {
      double sum = 0;
      for (int i = from; i < to; i++) {
        int xi = t.xIndex[i];
        int pt = t.xTIndex[i];
        int ptx = t.xTxIndex[i];
        double dead = fTxScaled[ptx] - fTScaled[pt];
        double linear = aliveScaled[pt] + dead;
        double ll;
        if (linear > 1e-250 && dead >= -1e-12 * aliveScaled[pt]) {
          ll = scale[xi] + Math.log(linear);
        } else {
          ll = logSumExp(alive[pt], deadConst[xi] + logA0(fTx[ptx], fT[pt]));
        }
        sum += t.weight[i] * (common[xi] + ll);
      }
      return sum;
    });
  }

  @Override
  public double probabilityAlive(int x, double tx, double T) {
    PurchaseModel.checkCustomer(x, tx, T);
    return SpecialFunctions.sigmoid(logAlive(x, T) - logDead(x, tx, T));
  }

  @Override
  public double expectedPurchases(Horizon horizon) {
    double t = horizon.amountIn(unit);
    return r * beta / alpha * lifetimeFactor(Math.log(beta) - Math.log(beta + t));
  }

  /**
   * E[Y(t) | x, t_x, T] = (r+x)(β+T)/(α+T) · [1 - ((β+T)/(β+T+t))^(s-1)]/(s-1) · P(alive).
   */
  @Override
  public double expectedPurchases(Horizon horizon, int x, double tx, double T) {
    PurchaseModel.checkCustomer(x, tx, T);
    double t = horizon.amountIn(unit);
    double factor = lifetimeFactor(Math.log(beta + T) - Math.log(beta + T + t));
    return (r + x) * (beta + T) / (alpha + T) * factor * probabilityAlive(x, tx, T);
  }

  /** (1 - e^((s-1)·logRatio)) / (s-1), and its limit -logRatio at s = 1. */
  private double lifetimeFactor(double logRatio) {
    double e = s - 1;
    if (Math.abs(e) < S_NEAR_ONE) {
      return -logRatio;
    }
    return -Math.expm1(e * logRatio) / e;
  }
}
