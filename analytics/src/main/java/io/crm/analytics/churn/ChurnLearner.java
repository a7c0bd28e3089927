package io.crm.analytics.churn;

/**
 * Fits a {@link ChurnModel} on encoded features and 0/1 labels (1 = churned). Implementations
 * must be deterministic for a given input: any randomness comes from a seed they hold.
 */
public interface ChurnLearner {

  /** Short name used in reports and to identify the chosen model, e.g. {@code gbt}. */
  String name();

  /** Settings in one line, e.g. {@code logistic(lambda=1.0)}. */
  String description();

  ChurnModel fit(double[][] features, int[] labels);

  /** Checks the common preconditions; learners call it first. */
  static void validate(double[][] features, int[] labels) {
    if (features.length != labels.length) {
      throw new IllegalArgumentException(
          features.length + " feature rows but " + labels.length + " labels");
    }
    if (features.length == 0) {
      throw new IllegalArgumentException("cannot fit a churn model on zero rows");
    }
    int positives = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label at row " + i + " is " + labels[i] + ", expected 0 or 1");
      }
      positives += labels[i];
    }
    if (positives == 0 || positives == labels.length) {
      throw new IllegalArgumentException(
          "training rows hold only one class (" + positives + " of " + labels.length + " positive)");
    }
  }
}
