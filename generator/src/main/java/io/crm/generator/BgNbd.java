package io.crm.generator;

/**
 * Closed-form moments of the BG/NBD model (Fader, Hardie and Lee 2005, eq. 9): the expected
 * number of repeat purchases in a window of length t for a customer drawn from the population,
 * E[X(t)] = (a+b-1)/(a-1) * [1 - (alpha/(alpha+t))^r * 2F1(r, b; a+b-1; t/(alpha+t))].
 */
public final class BgNbd {
  private BgNbd() {}

  public static double expectedRepeats(double r, double alpha, double a, double b, double t) {
    if (t <= 0) {
      return 0;
    }
    if (a <= 1) {
      throw new IllegalArgumentException("BG/NBD: E[X(t)] needs a > 1, got a=" + a);
    }
    double z = t / (alpha + t);
    double hyper = hypergeometric2F1(r, b, a + b - 1, z);
    return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * hyper);
  }

  /** Gauss's hypergeometric series, summed until the terms stop mattering (|z| < 1). */
  static double hypergeometric2F1(double a, double b, double c, double z) {
    if (!(Math.abs(z) < 1)) {
      throw new IllegalArgumentException("2F1: the series needs |z| < 1, got z=" + z);
    }
    double term = 1;
    double sum = 1;
    for (int n = 0; n < 1_000_000; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      sum += term;
      if (Math.abs(term) < 1e-15 * Math.abs(sum)) {
        return sum;
      }
    }
    return sum;
  }
}
