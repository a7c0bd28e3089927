package io.crm.analytics.churn;

import java.util.Random;

/**
 * Test fixture: customers whose churn follows a known logistic rule, p = sigmoid(-1 + 2 x0 - x1),
 * with a third feature that is pure noise.
 */
final class SyntheticChurn {
  final double[][] x;
  final int[] y;
  final double[] trueProbability;

  private SyntheticChurn(double[][] x, int[] y, double[] p) {
    this.x = x;
    this.y = y;
    this.trueProbability = p;
  }

  static SyntheticChurn of(int rows, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[rows][3];
    int[] y = new int[rows];
    double[] p = new double[rows];
    for (int i = 0; i < rows; i++) {
      x[i][0] = random.nextGaussian();
      x[i][1] = 5 + 3 * random.nextGaussian(); // a shifted, wider scale: standardisation matters
      x[i][2] = random.nextGaussian();
      double eta = -1 + 2 * x[i][0] - (x[i][1] - 5) / 3;
      p[i] = 1 / (1 + Math.exp(-eta));
      y[i] = random.nextDouble() < p[i] ? 1 : 0;
    }
    return new SyntheticChurn(x, y, p);
  }

  FeatureMatrix matrix() {
    FeatureMatrix.Builder b = FeatureMatrix.builder();
    for (int j = 0; j < 3; j++) {
      double[] col = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        col[i] = x[i][j];
      }
      b.numeric("x" + j, col);
    }
    return b.build();
  }
}
