package io.crm.analytics.clv;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Nelder-Mead simplex minimisation (standard coefficients: reflection 1, expansion 2, contraction
 * 1/2, shrink 1/2). Non-finite values count as +∞, so the simplex walks away from infeasible
 * regions. Stops when the values across the simplex agree to {@code fTolerance} (relative) or the
 * simplex has shrunk below {@code xTolerance}, or after {@code maxEvaluations}.
 */
final class NelderMead {

  record Result(double[] point, double value, int evaluations, boolean converged) {}

  private final double fTolerance;
  private final double xTolerance;
  private final int maxEvaluations;

  NelderMead(double fTolerance, double xTolerance, int maxEvaluations) {
    this.fTolerance = fTolerance;
    this.xTolerance = xTolerance;
    this.maxEvaluations = maxEvaluations;
  }

  Result minimize(ToDoubleFunction<double[]> f, double[] start, double step) {
    int n = start.length;
    double[][] simplex = new double[n + 1][];
    double[] values = new double[n + 1];
    int[] evals = {0};
    ToDoubleFunction<double[]> g = p -> {
      evals[0]++;
      double v = f.applyAsDouble(p);
      return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    };
    simplex[0] = start.clone();
    values[0] = g.applyAsDouble(simplex[0]);
    for (int i = 0; i < n; i++) {
      double[] p = start.clone();
      p[i] += step;
      simplex[i + 1] = p;
      values[i + 1] = g.applyAsDouble(p);
    }
    Integer[] order = new Integer[n + 1];
    while (true) {
      for (int i = 0; i <= n; i++) {
        order[i] = i;
      }
      final double[] vv = values;
      Arrays.sort(order, (i, j) -> Double.compare(vv[i], vv[j]));
      double[][] s2 = new double[n + 1][];
      double[] v2 = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        s2[i] = simplex[order[i]];
        v2[i] = values[order[i]];
      }
      simplex = s2;
      values = v2;
      double best = values[0];
      double worst = values[n];
      if (Double.isFinite(worst) && worst - best <= fTolerance * (1 + Math.abs(best))) {
        return new Result(simplex[0].clone(), best, evals[0], true);
      }
      if (diameter(simplex) <= xTolerance) {
        return new Result(simplex[0].clone(), best, evals[0], Double.isFinite(best));
      }
      if (evals[0] >= maxEvaluations) {
        return new Result(simplex[0].clone(), best, evals[0], false);
      }
      double[] centroid = new double[n];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
          centroid[k] += simplex[i][k] / n;
        }
      }
      double[] reflected = move(centroid, simplex[n], -1);
      double fr = g.applyAsDouble(reflected);
      if (fr < values[0]) {
        double[] expanded = move(centroid, simplex[n], -2);
        double fe = g.applyAsDouble(expanded);
        if (fe < fr) {
          simplex[n] = expanded;
          values[n] = fe;
        } else {
          simplex[n] = reflected;
          values[n] = fr;
        }
      } else if (fr < values[n - 1]) {
        simplex[n] = reflected;
        values[n] = fr;
      } else {
        boolean outside = fr < values[n];
        double[] contracted = outside ? move(centroid, simplex[n], -0.5) : move(centroid, simplex[n], 0.5);
        double fc = g.applyAsDouble(contracted);
        if (fc < Math.min(fr, values[n])) {
          simplex[n] = contracted;
          values[n] = fc;
        } else {
          for (int i = 1; i <= n; i++) {
            simplex[i] = move(simplex[0], simplex[i], 0.5);
            values[i] = g.applyAsDouble(simplex[i]);
          }
        }
      }
    }
  }

  /** centroid + coef · (worst - centroid). */
  private static double[] move(double[] centroid, double[] worst, double coef) {
    double[] p = new double[centroid.length];
    for (int k = 0; k < p.length; k++) {
      p[k] = centroid[k] + coef * (worst[k] - centroid[k]);
    }
    return p;
  }

  private static double diameter(double[][] simplex) {
    double d = 0;
    for (int i = 1; i < simplex.length; i++) {
      for (int k = 0; k < simplex[0].length; k++) {
        d = Math.max(d, Math.abs(simplex[i][k] - simplex[0][k]));
      }
    }
    return d;
  }
}
