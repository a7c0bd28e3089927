package io.crm.generator;

import java.util.SplittableRandom;

/** Seeded random streams and the few distributions the generator draws from. */
final class Sampling {
  private Sampling() {}

  /** SplitMix64's finaliser: spreads nearby seeds far apart. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * An independent stream per (seed, purpose, index), so a customer's data does not depend on the
   * order in which customers are generated or on how many random numbers another purpose used.
   */
  static SplittableRandom stream(long seed, long purpose, long index) {
    return new SplittableRandom(mix(mix(seed * 0x9E3779B97F4A7C15L + purpose) + index));
  }

  static double exponential(SplittableRandom rng, double rate) {
    return -Math.log(1.0 - rng.nextDouble()) / rate;
  }

  /** Gamma(shape, rate) by Marsaglia and Tsang, boosted for shape below one. */
  static double gamma(SplittableRandom rng, double shape, double rate) {
    if (shape < 1.0) {
      double u = rng.nextDouble();
      return gamma(rng, shape + 1.0, rate) * Math.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double x = rng.nextGaussian();
      double v = 1.0 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
        return d * v / rate;
      }
    }
  }

  static double beta(SplittableRandom rng, double a, double b) {
    double x = gamma(rng, a, 1.0);
    double y = gamma(rng, b, 1.0);
    return x / (x + y);
  }

  static int poisson(SplittableRandom rng, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double prod = rng.nextDouble();
    int n = 0;
    while (prod > limit) {
      prod *= rng.nextDouble();
      n++;
    }
    return n;
  }

  static boolean chance(SplittableRandom rng, double p) {
    return rng.nextDouble() < p;
  }

  static <T> T pick(SplittableRandom rng, T[] values) {
    return values[rng.nextInt(values.length)];
  }

  /** Index drawn from weights (not necessarily normalised). */
  static int weighted(SplittableRandom rng, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = rng.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Index drawn from a cumulative table whose last entry is the total. */
  static int fromCumulative(SplittableRandom rng, double[] cumulative) {
    double u = rng.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
