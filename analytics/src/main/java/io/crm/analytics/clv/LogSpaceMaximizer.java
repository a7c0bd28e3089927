package io.crm.analytics.clv;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Maximises a log-likelihood over positive parameters by working on their logarithms: Nelder-Mead
 * with restarts from the best point until a restart no longer improves, then Newton steps with a
 * numerical Hessian to polish. Log-parameters are confined to [ln 1e-8, ln 1e8]; a parameter that
 * ends at that cap is reported as such. Standard errors come from the inverse numerical Hessian of
 * the negative log-likelihood at the optimum (computed on the log scale and mapped back, which at a
 * maximum is the same as inverting the Hessian in the natural parameters).
 */
final class LogSpaceMaximizer {

  static final double LOG_MIN = Math.log(1e-8);
  static final double LOG_MAX = Math.log(1e8);
  private static final double CAP_MARGIN = 0.01;
  private static final int MAX_RESTARTS = 10;
  private static final int MAX_NEWTON = 20;
  private static final double HESSIAN_STEP = 1e-3;

  /** The maximum found; standardErrors is NaN where not available (capped or Hessian not positive definite). */
  record Optimum(
      double[] theta,
      double logLikelihood,
      double[] standardErrors,
      boolean[] atCap,
      boolean hessianPositiveDefinite,
      int evaluations) {}

  private final int maxEvaluationsPerRun;

  LogSpaceMaximizer(int maxEvaluationsPerRun) {
    this.maxEvaluationsPerRun = maxEvaluationsPerRun;
  }

  /**
   * @param names parameter names, for messages
   * @param what the model being fitted, for messages
   * @throws ModelFitException when the likelihood is not finite at the start or the search does
   *     not converge within its evaluation budget
   */
  Optimum maximize(ToDoubleFunction<double[]> logLikelihood, double[] start, List<String> names, String what) {
    int n = start.length;
    int[] evals = {0};
    ToDoubleFunction<double[]> f = u -> {
      evals[0]++;
      double v = logLikelihood.applyAsDouble(toTheta(u));
      return Double.isFinite(v) ? -v : Double.POSITIVE_INFINITY;
    };
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = clamp(Math.log(start[i]));
    }
    double fu = f.applyAsDouble(u);
    if (!Double.isFinite(fu)) {
      throw new ModelFitException("cannot fit " + what + ": non-finite likelihood at the start point " + describe(names, toTheta(u)));
    }
    NelderMead nm = new NelderMead(1e-13, 1e-10, maxEvaluationsPerRun);
    double step = 1.0;
    boolean converged = false;
    for (int run = 0; run <= MAX_RESTARTS; run++) {
      NelderMead.Result res = nm.minimize(f, u, step);
      double improvement = fu - res.value();
      if (res.value() <= fu) {
        u = clampAll(res.point());
        fu = f.applyAsDouble(u);
      }
      converged = res.converged();
      if (converged && run > 0 && improvement <= 1e-10 * (1 + Math.abs(fu))) {
        break;
      }
      step = 0.3;
    }
    if (!converged) {
      throw new ModelFitException("cannot fit " + what + ": the search did not converge within "
          + evals[0] + " likelihood evaluations; last point " + describe(names, toTheta(u)));
    }
    // Newton polish on the free (uncapped) coordinates
    boolean[] capped = capped(u);
    for (int it = 0; it < MAX_NEWTON; it++) {
      double[] uu = u;
      int[] free = freeIndexes(capped);
      if (free.length == 0) {
        break;
      }
      ToDoubleFunction<double[]> sub = v -> f.applyAsDouble(embed(uu, free, v));
      double[] v0 = pick(u, free);
      double[] g = NumericalDerivatives.gradient(sub, v0, 1e-5);
      double[][] inv = NumericalDerivatives.inverseSpd(NumericalDerivatives.hessian(sub, v0, HESSIAN_STEP));
      if (inv == null) {
        break;
      }
      double[] delta = new double[free.length];
      for (int i = 0; i < free.length; i++) {
        for (int j = 0; j < free.length; j++) {
          delta[i] -= inv[i][j] * g[j];
        }
      }
      boolean improved = false;
      for (double lambda = 1; lambda > 1e-4; lambda /= 2) {
        double[] v1 = v0.clone();
        for (int i = 0; i < free.length; i++) {
          v1[i] += lambda * delta[i];
        }
        double[] cand = clampAll(embed(u, free, v1));
        double fc = f.applyAsDouble(cand);
        if (fc < fu) {
          improved = fu - fc > 1e-12 * (1 + Math.abs(fu));
          u = cand;
          fu = fc;
          break;
        }
      }
      if (!improved) {
        break;
      }
      capped = capped(u);
    }
    // standard errors on the free coordinates
    double[] theta = toTheta(u);
    double[] se = new double[n];
    Arrays.fill(se, Double.NaN);
    int[] free = freeIndexes(capped);
    boolean positiveDefinite = false;
    if (free.length > 0) {
      double[] uu = u;
      ToDoubleFunction<double[]> sub = v -> f.applyAsDouble(embed(uu, free, v));
      double[][] inv = NumericalDerivatives.inverseSpd(NumericalDerivatives.hessian(sub, pick(u, free), HESSIAN_STEP));
      if (inv != null) {
        positiveDefinite = true;
        for (int i = 0; i < free.length; i++) {
          se[free[i]] = theta[free[i]] * Math.sqrt(inv[i][i]);
        }
      }
    }
    return new Optimum(theta, -fu, se, capped, positiveDefinite, evals[0]);
  }

  static String describe(List<String> names, double[] theta) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < theta.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(String.format(java.util.Locale.ROOT, "%.6g", theta[i]));
    }
    return sb.toString();
  }

  private static double[] toTheta(double[] u) {
    double[] t = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      t[i] = Math.exp(clamp(u[i]));
    }
    return t;
  }

  private static double clamp(double v) {
    return Math.max(LOG_MIN, Math.min(LOG_MAX, v));
  }

  private static double[] clampAll(double[] u) {
    double[] c = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      c[i] = clamp(u[i]);
    }
    return c;
  }

  private static boolean[] capped(double[] u) {
    boolean[] c = new boolean[u.length];
    for (int i = 0; i < u.length; i++) {
      c[i] = u[i] <= LOG_MIN + CAP_MARGIN || u[i] >= LOG_MAX - CAP_MARGIN;
    }
    return c;
  }

  private static int[] freeIndexes(boolean[] capped) {
    int k = 0;
    for (boolean c : capped) {
      if (!c) {
        k++;
      }
    }
    int[] idx = new int[k];
    k = 0;
    for (int i = 0; i < capped.length; i++) {
      if (!capped[i]) {
        idx[k++] = i;
      }
    }
    return idx;
  }

  private static double[] pick(double[] u, int[] idx) {
    double[] v = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      v[i] = u[idx[i]];
    }
    return v;
  }

  private static double[] embed(double[] u, int[] idx, double[] v) {
    double[] w = u.clone();
    for (int i = 0; i < idx.length; i++) {
      w[idx[i]] = v[i];
    }
    return w;
  }
}
