package io.crm.analytics.churn;

import java.util.ArrayList;
import java.util.List;

/**
 * Stratified K-fold cross-validation of several churn learners on the same folds. For each fold
 * the encoding (imputation, missing flags, one-hot levels) is fitted on the training rows only,
 * each learner is fitted on them, and the held-out rows are scored. The learner with the highest
 * mean validation ROC AUC is chosen (ties go to the earlier learner, so list the simpler first).
 *
 * <p>Class imbalance: no reweighting or resampling. Every reported metric is threshold-free (ROC
 * AUC, average precision, top-decile lift) or a proper scoring rule (Brier), and the folds are
 * stratified; unweighted fitting keeps the probabilities calibrated to the real churn rate, which
 * the Brier score, the calibration table and the risk bands of the nightly job rely on.
 */
public final class CrossValidation {
  private final FeatureEncoder encoder;
  private final List<ChurnLearner> learners;
  private final int folds;
  private final long seed;

  public CrossValidation(FeatureEncoder encoder, List<ChurnLearner> learners, int folds, long seed) {
    if (learners.isEmpty()) {
      throw new IllegalArgumentException("cross-validation needs at least one learner");
    }
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be at least 2, got " + folds);
    }
    if (learners.stream().map(ChurnLearner::name).distinct().count() != learners.size()) {
      throw new IllegalArgumentException(
          "learner names must be unique, got " + learners.stream().map(ChurnLearner::name).toList());
    }
    this.encoder = encoder;
    this.learners = List.copyOf(learners);
    this.folds = folds;
    this.seed = seed;
  }

  public CrossValidationResult run(FeatureMatrix matrix, int[] labels) {
    if (matrix.rows() != labels.length) {
      throw new IllegalArgumentException(matrix.rows() + " feature rows but " + labels.length + " labels");
    }
    int n = labels.length;
    int[] fold = StratifiedFolds.assign(labels, folds, seed);
    int positives = 0;
    for (int y : labels) {
      positives += y;
    }
    double[][] outOfFold = new double[learners.size()][n];
    List<List<CrossValidationResult.FoldMetrics>> perLearner = new ArrayList<>();
    for (int l = 0; l < learners.size(); l++) {
      perLearner.add(new ArrayList<>());
    }
    int encodedWidth = 0;
    for (int f = 0; f < folds; f++) {
      int[] train = StratifiedFolds.rows(fold, f, false);
      int[] valid = StratifiedFolds.rows(fold, f, true);
      FeatureEncoding encoding = encoder.fit(matrix, train);
      encodedWidth = Math.max(encodedWidth, encoding.width());
      double[][] xTrain = encoding.encode(matrix, train);
      double[][] xValid = encoding.encode(matrix, valid);
      int[] yTrain = select(labels, train);
      int[] yValid = select(labels, valid);
      for (int l = 0; l < learners.size(); l++) {
        long start = System.nanoTime();
        ChurnModel model = learners.get(l).fit(xTrain, yTrain);
        double[] p = new double[valid.length];
        for (int i = 0; i < valid.length; i++) {
          p[i] = model.probability(xValid[i]);
          outOfFold[l][valid[i]] = p[i];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        perLearner.get(l).add(
            new CrossValidationResult.FoldMetrics(
                f, train.length, valid.length, sum(yValid), encoding.width(),
                ChurnMetrics.rocAuc(p, yValid),
                ChurnMetrics.averagePrecision(p, yValid),
                ChurnMetrics.liftAtTopDecile(p, yValid),
                ChurnMetrics.brier(p, yValid),
                seconds));
      }
    }
    List<CrossValidationResult.LearnerResult> results = new ArrayList<>();
    int best = 0;
    for (int l = 0; l < learners.size(); l++) {
      List<CrossValidationResult.FoldMetrics> fm = perLearner.get(l);
      CrossValidationResult.LearnerResult r =
          new CrossValidationResult.LearnerResult(
              learners.get(l).name(),
              learners.get(l).description(),
              fm,
              CrossValidationResult.Summary.of(fm.stream().mapToDouble(CrossValidationResult.FoldMetrics::auc).toArray()),
              CrossValidationResult.Summary.of(fm.stream().mapToDouble(CrossValidationResult.FoldMetrics::prAuc).toArray()),
              CrossValidationResult.Summary.of(fm.stream().mapToDouble(CrossValidationResult.FoldMetrics::liftTopDecile).toArray()),
              CrossValidationResult.Summary.of(fm.stream().mapToDouble(CrossValidationResult.FoldMetrics::brier).toArray()),
              ChurnMetrics.rocAuc(outOfFold[l], labels),
              ChurnMetrics.calibration(outOfFold[l], labels, 10),
              fm.stream().mapToDouble(CrossValidationResult.FoldMetrics::seconds).sum());
      results.add(r);
      if (r.auc().mean() > results.get(best).auc().mean()) {
        best = l;
      }
    }
    return new CrossValidationResult(folds, n, positives, seed, encodedWidth, results, results.get(best).name());
  }

  /** The values at the given rows, in the given order. */
  static int[] select(int[] values, int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }

  private static int sum(int[] values) {
    int s = 0;
    for (int v : values) {
      s += v;
    }
    return s;
  }
}
