package io.crm.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The closed form of the Pareto/NBD likelihood (both 2F1 branches, alpha >= beta and alpha < beta,
 * including arguments close to 1) against the integral it comes from, computed by adaptive Simpson:
 * L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^-(r+x) (β+T)^-s + s ∫_{t_x}^{T} (α+τ)^-(r+x) (β+τ)^-(s+1) dτ ].
 */
class ParetoNbdLikelihoodTest {

  private static double integrand(double r, double alpha, double s, double beta, int x, double tau) {
    return Math.exp(-(r + x) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau));
  }

  private static double simpson(double r, double alpha, double s, double beta, int x, double a, double b, double fa,
      double fm, double fb, double whole, int depth) {
    double m = (a + b) / 2;
    double lm = integrand(r, alpha, s, beta, x, (a + m) / 2);
    double rm = integrand(r, alpha, s, beta, x, (m + b) / 2);
    double left = (m - a) / 6 * (fa + 4 * lm + fm);
    double right = (b - m) / 6 * (fm + 4 * rm + fb);
    if (depth > 40 || Math.abs(left + right - whole) < 1e-13 * Math.abs(left + right)) {
      return left + right + (left + right - whole) / 15;
    }
    return simpson(r, alpha, s, beta, x, a, m, fa, lm, fm, left, depth + 1)
        + simpson(r, alpha, s, beta, x, m, b, fm, rm, fb, right, depth + 1);
  }

  private static double byIntegral(double r, double alpha, double s, double beta, int x, double tx, double T) {
    double fa = integrand(r, alpha, s, beta, x, tx);
    double fb = integrand(r, alpha, s, beta, x, T);
    double fm = integrand(r, alpha, s, beta, x, (tx + T) / 2);
    double integral = tx == T ? 0 : simpson(r, alpha, s, beta, x, tx, T, fa, fm, fb, (T - tx) / 6 * (fa + 4 * fm + fb), 0);
    double alive = Math.exp(-(r + x) * Math.log(alpha + T) - s * Math.log(beta + T));
    return SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * Math.log(alpha) + s * Math.log(beta)
        + Math.log(alive + s * integral);
  }

  @Test
  void closedFormEqualsTheIntegralInBothBranches() {
    double[][] params = {
      {0.553, 10.578, 0.606, 11.669}, // CDNOW: alpha < beta
      {0.553, 11.669, 0.606, 10.578}, // alpha > beta
      {0.8, 5.0, 1.0, 5.0}, // alpha = beta, s = 1
      {0.3, 0.05, 2.0, 40.0}, // beta >> alpha: 2F1 argument near 1
      {1.5, 60.0, 0.2, 0.3}, // alpha >> beta
    };
    int[][] xs = {{0}, {1}, {2}, {7}, {40}};
    double[][] times = {{0, 38.86}, {1.71, 38.86}, {30.43, 38.86}, {20, 52}, {51.9, 52}};
    for (double[] p : params) {
      ParetoNbd m = new ParetoNbd(p[0], p[1], p[2], p[3], TimeUnit.WEEK);
      for (int i = 0; i < xs.length; i++) {
        int x = xs[i][0];
        double tx = x == 0 ? 0 : times[i][0];
        double T = times[i][1];
        double expected = byIntegral(p[0], p[1], p[2], p[3], x, tx, T);
        assertEquals(expected, m.logLikelihood(x, tx, T), 1e-8 * Math.max(1, Math.abs(expected)),
            "params " + java.util.Arrays.toString(p) + " x=" + x + " tx=" + tx + " T=" + T);
      }
    }
  }
}
