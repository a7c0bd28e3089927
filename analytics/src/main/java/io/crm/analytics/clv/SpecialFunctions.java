package io.crm.analytics.clv;

/**
 * Log-gamma, log-sum-exp and the Gauss hypergeometric function 2F1 on [0, 1), all in log space so
 * that large frequencies and ages neither overflow nor underflow.
 */
public final class SpecialFunctions {

  /** Hard cap on series terms; beyond it the result is NaN (the caller treats it as a failure). */
  static final int MAX_TERMS = 10_000_000;

  private static final double POLE_STEP = 5e-3;

  static final int ONE_D_MAX_TERMS = 20_000;

  // Lanczos approximation, g = 7, 9 coefficients (relative error about 1e-15 for x > 0).
  private static final double LANCZOS_G = 7.0;
  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private SpecialFunctions() {}

  /** ln Γ(x) for x > 0 (NaN otherwise). */
  public static double logGamma(double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      return x == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    if (x < 0.5) {
      // reflection keeps the accuracy for tiny x: Γ(x)Γ(1-x) = π / sin(πx)
      return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + LANCZOS_G + 0.5;
    return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** ln B(a, b). */
  public static double logBeta(double a, double b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }

  /** ln(e^a + e^b) without overflow; -∞ arguments are allowed. */
  public static double logSumExp(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    return a >= b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
  }

  /** ln(e^a - e^b) for a >= b; -∞ when they are equal, NaN when b > a. */
  public static double logDiffExp(double a, double b) {
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    if (b > a) {
      return Double.NaN;
    }
    double d = b - a;
    if (d == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    // log(1 - e^d): two forms for accuracy on either side of ln 2
    return a + (d > -0.6931471805599453 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
  }

  /** The logistic function 1 / (1 + e^-v), stable for large |v|. */
  public static double sigmoid(double v) {
    if (v >= 0) {
      return 1 / (1 + Math.exp(-v));
    }
    double e = Math.exp(v);
    return e / (1 + e);
  }

  /**
   * ln 2F1(a, b; c; z) for a, b, c > 0 and 0 <= z < 1, summing the power series with every term
   * positive. The running sum is rescaled whenever it grows large, so series whose terms first rise
   * by many orders of magnitude (large a, b) do not overflow. Returns NaN when the series would need
   * more than {@link #MAX_TERMS} terms.
   */
  public static double logHyp2f1(double a, double b, double c, double z) {
    if (!(a > 0 && b > 0 && c > 0) || !(z >= 0 && z < 1)) {
      throw new IllegalArgumentException(
          "logHyp2f1 needs a, b, c > 0 and 0 <= z < 1, got a=" + a + " b=" + b + " c=" + c + " z=" + z);
    }
    if (z == 0) {
      return 0;
    }
    double logScale = 0;
    double term = 1;
    double sum = 1;
    for (int k = 0; k < MAX_TERMS; k++) {
      double ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
      term *= ratio;
      sum += term;
      if (sum > 1e280) {
        logScale += Math.log(sum);
        term /= sum;
        sum = 1;
      }
      if (ratio < 1 && term < 1e-17 * sum) {
        // the remaining ratios tend to z; bound the tail by a geometric series
        double q = Math.max(ratio, z);
        if (term * q / (1 - q) < 1e-16 * sum) {
          return logScale + Math.log(sum);
        }
      }
    }
    return Double.NaN;
  }

  /**
   * ln 2F1(1, d; c; z) for 0 < d < c and 0 <= z < 1. It is the form that Euler's transformation
   * gives for 2F1(A, B; A+1; z) = (1-z)^(1-B) 2F1(1, A+1-B; A+1; z), used by the Pareto/NBD.
   * Up to z = 0.9, or while d·(1-z) > 1/2, the power series is summed (term ratios (d+k)/(c+k)·z
   * stay below z). Closer to 1 the series converges too slowly (like k^(d-c)), so the connection
   * formula to 1 - z is used instead (Abramowitz and Stegun 15.3.6 with a = 1,
   * b = d, e = c - d):
   * F = (c-1)/(e-1) · 2F1(1, d; 2-e; 1-z) + Γ(c)Γ(1-e)/Γ(d) · (1-z)^(e-1) · z^(1-c).
   * Its two parts have poles at whole e that cancel, losing digits near them; within
   * {@link #POLE_STEP} of a whole e the value is interpolated from points 1 to 3 steps away.
   */
  public static double logHyp2f1OneD(double d, double c, double z) {
    if (!(d > 0 && c > d) || !(z >= 0 && z < 1)) {
      throw new IllegalArgumentException(
          "logHyp2f1OneD needs 0 < d < c and 0 <= z < 1, got d=" + d + " c=" + c + " z=" + z);
    }
    if (z <= 0.9 || d * (1 - z) > 0.5) {
      // falling terms, at most about 37 / (1 - z) < 75·d of them
      return oneDSeries(d, c, z);
    }
    double e = c - d;
    double whole = Math.rint(e);
    if (whole >= 1 && Math.abs(e - whole) < POLE_STEP) {
      // degree-5 interpolation in e through whole ± 1, 2, 3 steps, where the formula is accurate
      double[] nodes = {-3, -2, -1, 1, 2, 3};
      double at = (e - whole) / POLE_STEP;
      double value = 0;
      for (int i = 0; i < nodes.length; i++) {
        double weight = 1;
        for (int j = 0; j < nodes.length; j++) {
          if (j != i) {
            weight *= (at - nodes[j]) / (nodes[i] - nodes[j]);
          }
        }
        value += weight * oneDConnection(d, d + whole + nodes[i] * POLE_STEP, z);
      }
      return value;
    }
    return oneDConnection(d, c, z);
  }

  /**
   * The direct series; NaN when it would need more than {@link #ONE_D_MAX_TERMS} terms. That
   * happens only for z within about 2e-3 of 1 together with d above 250, e.g. a Pareto/NBD with
   * s → ∞ and β >> α (nearly homogeneous dropout rates), which the optimiser then treats as
   * infeasible; keeping every likelihood evaluation cheap is what guarantees the fit ends.
   */
  private static double oneDSeries(double d, double c, double z) {
    if (z == 0) {
      return 0;
    }
    double term = 1;
    double sum = 1;
    for (int k = 0; k < ONE_D_MAX_TERMS; k++) {
      double ratio = (d + k) / (c + k) * z;
      term *= ratio;
      sum += term;
      // ratios grow towards z, so the tail is at most term * z / (1 - z)
      if (term * z < 1e-16 * sum * (1 - z)) {
        return Math.log(sum);
      }
    }
    return Double.NaN;
  }

  /** The connection formula of {@link #logHyp2f1OneD} for e = c - d not a whole number. */
  private static double oneDConnection(double d, double c, double z) {
    double e = c - d;
    double w = 1 - z;
    // first part: (c-1)/(e-1) · Σ_k (d)_k / (2-e)_k · w^k (signs may alternate while 2-e+k < 0)
    double c2 = 2 - e;
    double term = 1;
    double sum = 1;
    boolean done = false;
    for (int k = 0; k < 100_000; k++) {
      double ratio = (d + k) / (c2 + k) * w;
      term *= ratio;
      sum += term;
      if (!Double.isFinite(sum)) {
        return Double.NaN;
      }
      if (c2 + k > 0 && Math.abs(ratio) < 1 && Math.abs(term) < 1e-17 * Math.abs(sum)) {
        double q = Math.max(Math.abs(ratio), w);
        if (Math.abs(term) * q / (1 - q) < 1e-16 * Math.abs(sum)) {
          done = true;
          break;
        }
      }
    }
    if (!done || sum == 0) {
      return Double.NaN;
    }
    double logP1 = Math.log(Math.abs(c - 1)) - Math.log(Math.abs(e - 1)) + Math.log(Math.abs(sum));
    double signP1 = Math.signum(c - 1) * Math.signum(e - 1) * Math.signum(sum);
    // second part: Γ(c)Γ(1-e)/Γ(d) · w^(e-1) · z^(1-c); Γ(1-e) by reflection when 1-e < 0
    double y = 1 - e;
    double logGammaY;
    double signGammaY;
    if (y > 0) {
      logGammaY = logGamma(y);
      signGammaY = 1;
    } else {
      double sin = Math.sin(Math.PI * y);
      logGammaY = Math.log(Math.PI) - Math.log(Math.abs(sin)) - logGamma(1 - y);
      signGammaY = Math.signum(sin);
    }
    double logP2 = logGamma(c) + logGammaY - logGamma(d) + (e - 1) * Math.log(w) + (1 - c) * Math.log(z);
    double m = Math.max(logP1, logP2);
    double value = signP1 * Math.exp(logP1 - m) + signGammaY * Math.exp(logP2 - m);
    // the result is at least 1 (a series of positive terms starting at 1); heavy cancellation
    // between the parts would leave too few correct digits
    if (!(value > 1e-9)) {
      return Double.NaN;
    }
    return m + Math.log(value);
  }
}
