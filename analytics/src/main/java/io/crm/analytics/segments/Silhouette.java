package io.crm.analytics.segments;

/**
 * Mean silhouette width of a clustering given by nearest centre: for each point, a = mean
 * distance to the other points of its cluster, b = the smallest mean distance to another
 * cluster's points, s = (b - a) / max(a, b). Quadratic in the number of points, so callers pass
 * a sample. Points alone in their cluster count as 0, as in Rousseeuw (1987).
 */
final class Silhouette {
  private Silhouette() {}

  static double mean(double[][] points, double[][] centres) {
    int n = points.length;
    int k = centres.length;
    int[] label = new int[n];
    int[] size = new int[k];
    for (int i = 0; i < n; i++) {
      label[i] = nearest(points[i], centres);
      size[label[i]]++;
    }
    double total = 0;
    double[] sum = new double[k];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(sum, 0);
      for (int j = 0; j < n; j++) {
        if (i != j) {
          sum[label[j]] += Math.sqrt(squared(points[i], points[j]));
        }
      }
      int own = label[i];
      if (size[own] <= 1) {
        continue;
      }
      double a = sum[own] / (size[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && size[c] > 0) {
          b = Math.min(b, sum[c] / size[c]);
        }
      }
      if (Double.isFinite(b) && Math.max(a, b) > 0) {
        total += (b - a) / Math.max(a, b);
      }
    }
    return total / n;
  }

  static int nearest(double[] x, double[][] centres) {
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centres.length; c++) {
      double d = squared(x, centres[c]);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return best;
  }

  private static double squared(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }
}
