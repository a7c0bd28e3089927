package io.crm.analytics.churn;

import java.nio.file.Path;

/**
 * `crm churn evaluate` as a step: read a labelled CSV, cross-validate the learners on it and
 * report. The reader and the cross-validation (learners, folds, seed) come in the constructor.
 */
public final class ChurnEvaluation {
  private final LabelledCsvReader reader;
  private final CrossValidation crossValidation;

  public ChurnEvaluation(LabelledCsvReader reader, CrossValidation crossValidation) {
    this.reader = reader;
    this.crossValidation = crossValidation;
  }

  public Result run(Path csv, String labelColumn, String idColumn) {
    long start = System.nanoTime();
    LabelledData data = reader.read(csv, labelColumn, idColumn);
    long read = System.nanoTime();
    CrossValidationResult cv = crossValidation.run(data.features(), data.labels());
    long done = System.nanoTime();
    return new Result(csv, data, cv, (read - start) / 1e9, (done - read) / 1e9);
  }

  /** The data that was read, the cross-validation result, and how long each part took. */
  public record Result(
      Path csv, LabelledData data, CrossValidationResult crossValidation, double readSeconds, double evaluateSeconds) {}
}
