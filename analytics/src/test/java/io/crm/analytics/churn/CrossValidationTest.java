package io.crm.analytics.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

  private static final SyntheticChurn DATA = SyntheticChurn.of(600, 11);

  /** The synthetic features plus a column with exactly one blank cell, in row 17. */
  private static FeatureMatrix withOneBlank() {
    double[] spend = new double[DATA.y.length];
    for (int i = 0; i < spend.length; i++) {
      spend[i] = i % 13;
    }
    spend[17] = Double.NaN;
    FeatureMatrix.Builder b = FeatureMatrix.builder();
    DATA.matrix().columns().forEach(b::add);
    return b.numeric("spend", spend).build();
  }

  private static CrossValidationResult run(FeatureMatrix m) {
    List<ChurnLearner> learners =
        List.of(
            new LogisticLearner(1.0),
            new GradientBoostingLearner(new GradientBoostingLearner.Settings(30, 3, 6, 10, 0.1, 0.7, 3)));
    return new CrossValidation(new FeatureEncoder(), learners, 4, 3).run(m, DATA.y);
  }

  @Test
  void eachFoldLearnsItsEncodingFromItsTrainingRowsOnly() {
    CrossValidationResult result = run(withOneBlank());
    // 3 synthetic + spend = 4 columns; spend gets a missing flag only where row 17 is training data
    List<Integer> widths =
        result.learner("logistic").folds().stream().map(CrossValidationResult.FoldMetrics::encodedFeatures).toList();
    assertEquals(3, widths.stream().filter(w -> w == 5).count(), widths.toString());
    assertEquals(1, widths.stream().filter(w -> w == 4).count(), widths.toString());
    assertEquals(5, result.encodedFeatures());
  }

  @Test
  void foldsCoverEveryRowOnceAndTheBestMeanAucIsChosen() {
    CrossValidationResult result = run(DATA.matrix());
    assertEquals(600, result.rows());
    for (CrossValidationResult.LearnerResult l : result.learners()) {
      assertEquals(600, l.folds().stream().mapToInt(CrossValidationResult.FoldMetrics::validationRows).sum());
      assertEquals(result.positives(), l.folds().stream().mapToInt(CrossValidationResult.FoldMetrics::validationPositives).sum());
      assertTrue(result.chosenResult().auc().mean() >= l.auc().mean());
      assertEquals(600, l.calibration().stream().mapToInt(ChurnMetrics.CalibrationBin::rows).sum());
    }
  }

  @Test
  void aRerunWithTheSameSeedGivesTheSameNumbers() {
    CrossValidationResult first = run(DATA.matrix());
    CrossValidationResult again = run(DATA.matrix());
    for (int l = 0; l < first.learners().size(); l++) {
      assertEquals(first.learners().get(l).auc(), again.learners().get(l).auc());
      assertEquals(first.learners().get(l).brier(), again.learners().get(l).brier());
    }
  }

  @Test
  void learnerNamesMustBeUnique() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CrossValidation(new FeatureEncoder(), List.of(new LogisticLearner(1), new LogisticLearner(2)), 5, 1));
    assertTrue(e.getMessage().contains("[logistic, logistic]"), e.getMessage());
  }
}
