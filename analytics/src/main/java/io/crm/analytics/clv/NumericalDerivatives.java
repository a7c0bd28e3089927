package io.crm.analytics.clv;

import java.util.function.ToDoubleFunction;

/** Central-difference gradient and Hessian, and a Cholesky inverse for small symmetric matrices. */
final class NumericalDerivatives {

  private NumericalDerivatives() {}

  static double[] gradient(ToDoubleFunction<double[]> f, double[] p, double h) {
    int n = p.length;
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      double[] up = p.clone();
      double[] down = p.clone();
      up[i] += h;
      down[i] -= h;
      g[i] = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * h);
    }
    return g;
  }

  static double[][] hessian(ToDoubleFunction<double[]> f, double[] p, double h) {
    int n = p.length;
    double f0 = f.applyAsDouble(p);
    double[][] hess = new double[n][n];
    for (int i = 0; i < n; i++) {
      double[] up = p.clone();
      double[] down = p.clone();
      up[i] += h;
      down[i] -= h;
      hess[i][i] = (f.applyAsDouble(up) - 2 * f0 + f.applyAsDouble(down)) / (h * h);
      for (int j = 0; j < i; j++) {
        double pp = f.applyAsDouble(shift(p, i, h, j, h));
        double pm = f.applyAsDouble(shift(p, i, h, j, -h));
        double mp = f.applyAsDouble(shift(p, i, -h, j, h));
        double mm = f.applyAsDouble(shift(p, i, -h, j, -h));
        hess[i][j] = (pp - pm - mp + mm) / (4 * h * h);
        hess[j][i] = hess[i][j];
      }
    }
    return hess;
  }

  private static double[] shift(double[] p, int i, double hi, int j, double hj) {
    double[] q = p.clone();
    q[i] += hi;
    q[j] += hj;
    return q;
  }

  /** Inverse of a symmetric positive definite matrix, or null when it is not positive definite. */
  static double[][] inverseSpd(double[][] m) {
    int n = m.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = m[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(sum > 0) || !Double.isFinite(sum)) {
            return null;
          }
          l[i][i] = Math.sqrt(sum);
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int col = 0; col < n; col++) {
      double[] e = new double[n];
      e[col] = 1;
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        double sum = e[i];
        for (int k = 0; k < i; k++) {
          sum -= l[i][k] * y[k];
        }
        y[i] = sum / l[i][i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double sum = y[i];
        for (int k = i + 1; k < n; k++) {
          sum -= l[k][i] * inv[k][col];
        }
        inv[i][col] = sum / l[i][i];
      }
    }
    return inv;
  }
}
