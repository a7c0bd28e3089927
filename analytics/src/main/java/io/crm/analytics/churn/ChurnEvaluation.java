package io.crm.analytics.churn;

import java.nio.file.Path;
import java.util.List;

/**
 * `crm churn evaluate` as a step: read a labelled CSV, cross-validate the learners on it, then
 * refit the chosen learner on every row to show which features drive it.
 */
public final class ChurnEvaluation {
  private final LabelledCsvReader reader;
  private final FeatureEncoder encoder;
  private final List<ChurnLearner> learners;
  private final int folds;
  private final long seed;

  public ChurnEvaluation(
      LabelledCsvReader reader, FeatureEncoder encoder, List<ChurnLearner> learners, int folds, long seed) {
    this.reader = reader;
    this.encoder = encoder;
    this.learners = List.copyOf(learners);
    this.folds = folds;
    this.seed = seed;
  }

  public Result run(Path csv, String labelColumn, String idColumn) {
    long start = System.nanoTime();
    LabelledData data = reader.read(csv, labelColumn, idColumn);
    long read = System.nanoTime();
    CrossValidationResult cv =
        new CrossValidation(encoder, learners, folds, seed).run(data.features(), data.labels());
    long validated = System.nanoTime();
    ChurnLearner chosen =
        learners.stream().filter(l -> l.name().equals(cv.chosen())).findFirst().orElseThrow();
    TrainedChurnModel model = new ChurnTrainer(encoder, chosen).fit(data.features(), data.labels());
    long fitted = System.nanoTime();
    return new Result(
        csv, data, cv, model, (read - start) / 1e9, (validated - read) / 1e9, (fitted - validated) / 1e9);
  }

  /** The data that was read, the cross-validation result, the refitted chosen model, and timings. */
  public record Result(
      Path csv,
      LabelledData data,
      CrossValidationResult crossValidation,
      TrainedChurnModel chosenModel,
      double readSeconds,
      double crossValidationSeconds,
      double refitSeconds) {}
}
