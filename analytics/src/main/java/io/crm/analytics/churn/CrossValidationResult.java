package io.crm.analytics.churn;

import java.util.List;

/**
 * What a {@link CrossValidation} found: per learner the per-fold metrics, their mean and standard
 * deviation, the ROC AUC and calibration table of the pooled out-of-fold predictions, and which
 * learner was chosen.
 *
 * @param encodedFeatures width of the widest per-fold encoding (folds may differ by a missing flag)
 */
public record CrossValidationResult(
    int folds, int rows, int positives, long seed, int encodedFeatures, List<LearnerResult> learners, String chosen) {

  public CrossValidationResult {
    learners = List.copyOf(learners);
  }

  public LearnerResult chosenResult() {
    return learner(chosen);
  }

  public LearnerResult learner(String name) {
    return learners.stream()
        .filter(l -> l.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no learner named '" + name + "'"));
  }

  /** Metrics of one learner over all folds; {@code seconds} is fitting plus scoring time. */
  public record LearnerResult(
      String name,
      String description,
      List<FoldMetrics> folds,
      Summary auc,
      Summary prAuc,
      Summary liftTopDecile,
      Summary brier,
      double pooledAuc,
      List<ChurnMetrics.CalibrationBin> calibration,
      double seconds) {
    public LearnerResult {
      folds = List.copyOf(folds);
      calibration = List.copyOf(calibration);
    }
  }

  /**
   * Validation metrics of one learner on one fold; {@code encodedFeatures} is the width of the
   * encoding fitted on this fold's training rows.
   */
  public record FoldMetrics(
      int fold,
      int trainRows,
      int validationRows,
      int validationPositives,
      int encodedFeatures,
      double auc,
      double prAuc,
      double liftTopDecile,
      double brier,
      double seconds) {}

  /** Mean and sample standard deviation (n - 1) over folds. */
  public record Summary(double mean, double sd) {
    public static Summary of(double[] values) {
      double mean = 0;
      for (double v : values) {
        mean += v;
      }
      mean /= values.length;
      double ss = 0;
      for (double v : values) {
        ss += (v - mean) * (v - mean);
      }
      double sd = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0.0;
      return new Summary(mean, sd);
    }
  }
}
