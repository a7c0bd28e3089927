package io.crm.analytics.clv;

import java.util.SplittableRandom;

/**
 * Draws customer summaries from a BG/NBD with known parameters: λ ~ Gamma(r, alpha), p ~ Beta(a,
 * b), Poisson purchases after the first one at time 0, dropout with probability p after each repeat
 * purchase, each customer observed for T uniform in [minT, maxT].
 */
final class BgNbdSimulator {
  private final double r;
  private final double alpha;
  private final double a;
  private final double b;
  private final SplittableRandom random;

  BgNbdSimulator(double r, double alpha, double a, double b, long seed) {
    this.r = r;
    this.alpha = alpha;
    this.a = a;
    this.b = b;
    this.random = new SplittableRandom(seed);
  }

  /** Exact continuous times (in weeks). */
  CustomerSummaries continuous(int customers, double minT, double maxT) {
    CustomerSummaries.Builder builder = CustomerSummaries.builder(TimeUnit.WEEK);
    for (int i = 0; i < customers; i++) {
      double T = minT + (maxT - minT) * random.nextDouble();
      double[] xt = draw(T);
      builder.add(xt[0], xt[1], T, null);
    }
    return builder.build();
  }

  /**
   * Times as real data has them: purchases counted per day (same-day purchases merged), first
   * purchases on whole days spread over {@code cohortDays}, a calibration end {@code endDay} days
   * after the first possible day, t_x and T in weeks rounded to 2 decimals like the CDNOW files.
   */
  CustomerSummaries daily(int customers, int cohortDays, int endDay) {
    CustomerSummaries.Builder builder = CustomerSummaries.builder(TimeUnit.WEEK);
    for (int i = 0; i < customers; i++) {
      int first = random.nextInt(cohortDays);
      int tDays = endDay - first;
      double lambda = gamma(r) / alpha;
      double p = beta(a, b);
      int x = 0;
      int lastDay = 0;
      double t = 0;
      while (true) {
        t += -Math.log(1 - random.nextDouble()) / lambda;
        int day = (int) Math.floor(t * 7);
        if (day > tDays) {
          break;
        }
        if (day > lastDay) {
          x++;
          lastDay = day;
        }
        if (random.nextDouble() < p) {
          break;
        }
      }
      builder.add(x, round2(lastDay / 7.0), round2(tDays / 7.0), null);
    }
    return builder.build();
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** {x, t_x} of one customer observed for T. */
  private double[] draw(double T) {
    double lambda = gamma(r) / alpha;
    double p = beta(a, b);
    int x = 0;
    double tx = 0;
    double t = 0;
    while (true) {
      t += -Math.log(1 - random.nextDouble()) / lambda;
      if (t > T) {
        break;
      }
      x++;
      tx = t;
      if (random.nextDouble() < p) {
        break;
      }
    }
    return new double[] {x, tx};
  }

  private double beta(double a, double b) {
    double g1 = gamma(a);
    double g2 = gamma(b);
    return g1 / (g1 + g2);
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 via G(k) = G(k+1)·U^(1/k). */
  double gamma(double shape) {
    if (shape < 1) {
      return gamma(shape + 1) * Math.pow(1 - random.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = normal();
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  private double normal() {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
