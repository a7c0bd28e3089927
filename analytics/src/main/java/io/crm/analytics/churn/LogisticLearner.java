package io.crm.analytics.churn;

import smile.classification.LogisticRegression;

/**
 * L2-regularised logistic regression (Smile) on standardised features: the baseline learner.
 * Means and standard deviations come from the training rows; the fitted weights are folded back
 * onto the raw encoded scale, so the resulting {@link Model} needs no scaler and no Smile classes.
 */
public final class LogisticLearner implements ChurnLearner {
  private final double lambda;

  /** @param lambda L2 penalty on the (standardised) weights, as Smile defines it; at least 0 */
  public LogisticLearner(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
    }
    this.lambda = lambda;
  }

  @Override
  public String name() {
    return "logistic";
  }

  @Override
  public String description() {
    return "logistic(lambda=" + lambda + ", standardised)";
  }

  @Override
  public Model fit(double[][] features, int[] labels) {
    ChurnLearner.validate(features, labels);
    int n = features.length;
    int p = features[0].length;
    double[] mean = new double[p];
    double[] scale = new double[p];
    for (double[] row : features) {
      for (int j = 0; j < p; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < p; j++) {
      mean[j] /= n;
    }
    for (double[] row : features) {
      for (int j = 0; j < p; j++) {
        double d = row[j] - mean[j];
        scale[j] += d * d;
      }
    }
    for (int j = 0; j < p; j++) {
      double sd = Math.sqrt(scale[j] / n);
      // A constant column standardises to 0 whatever the scale; 1 avoids dividing by zero.
      scale[j] = sd > 0 ? sd : 1.0;
    }
    double[][] z = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        z[i][j] = (features[i][j] - mean[j]) / scale[j];
      }
    }
    LogisticRegression.Binomial fitted = LogisticRegression.binomial(z, labels, lambda, 1e-5, 500);
    double[] w = fitted.coefficients(); // p weights, then the intercept
    double[] weights = new double[p];
    double intercept = w[p];
    for (int j = 0; j < p; j++) {
      weights[j] = w[j] / scale[j];
      intercept -= weights[j] * mean[j];
    }
    return new Model(weights, intercept, scale, description());
  }

  /**
   * Logistic model on the raw encoded scale: p = 1 / (1 + exp(-(b + w.x))); {@code scale} holds
   * the training standard deviations, kept for {@link #importance()}.
   */
  public record Model(double[] weights, double intercept, double[] scale, String description) implements ChurnModel {
    private static final long serialVersionUID = 1L;

    /** |weight| per standard deviation of the feature in the training rows. */
    @Override
    public double[] importance() {
      double[] out = new double[weights.length];
      for (int j = 0; j < weights.length; j++) {
        out[j] = Math.abs(weights[j] * scale[j]);
      }
      return out;
    }

    @Override
    public double probability(double[] features) {
      if (features.length != weights.length) {
        throw new IllegalArgumentException(
            "expected " + weights.length + " features, got " + features.length);
      }
      double eta = intercept;
      for (int j = 0; j < weights.length; j++) {
        eta += weights[j] * features[j];
      }
      return 1.0 / (1.0 + Math.exp(-eta));
    }
  }
}
