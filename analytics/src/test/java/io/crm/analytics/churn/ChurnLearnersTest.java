package io.crm.analytics.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class ChurnLearnersTest {

  private static final SyntheticChurn TRAIN = SyntheticChurn.of(3000, 1);
  private static final SyntheticChurn TEST = SyntheticChurn.of(2000, 2);

  private static double[] score(ChurnModel model, double[][] x) {
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = model.probability(x[i]);
    }
    return p;
  }

  @Test
  void logisticRecoversTheGeneratingWeightsOnTheRawScale() {
    LogisticLearner.Model model = new LogisticLearner(0.1).fit(TRAIN.x, TRAIN.y);
    // true weights on the raw scale: 2, -1/3, 0 and intercept -1 + 5/3
    assertEquals(2.0, model.weights()[0], 0.25);
    assertEquals(-1.0 / 3.0, model.weights()[1], 0.05);
    assertEquals(0.0, model.weights()[2], 0.15);
    assertEquals(-1 + 5.0 / 3.0, model.intercept(), 0.3);
  }

  @Test
  void bothLearnersRankHeldOutCustomersNearlyAsWellAsTheTruth() {
    double best = ChurnMetrics.rocAuc(TEST.trueProbability, TEST.y);
    for (ChurnLearner learner : ChurnLearners.defaults(42)) {
      double auc = ChurnMetrics.rocAuc(score(learner.fit(TRAIN.x, TRAIN.y), TEST.x), TEST.y);
      assertTrue(auc > best - 0.03, learner.name() + " AUC " + auc + " vs true-probability AUC " + best);
    }
  }

  @Test
  void gradientBoostingIsReproducibleWithItsSeed() {
    GradientBoostingLearner.Settings s = new GradientBoostingLearner.Settings(30, 3, 6, 10, 0.1, 0.5, 9);
    double[] first = score(new GradientBoostingLearner(s).fit(TRAIN.x, TRAIN.y), TEST.x);
    double[] again = score(new GradientBoostingLearner(s).fit(TRAIN.x, TRAIN.y), TEST.x);
    assertArrayEquals(first, again, 0.0);
    GradientBoostingLearner.Settings other = new GradientBoostingLearner.Settings(30, 3, 6, 10, 0.1, 0.5, 10);
    double[] reseeded = score(new GradientBoostingLearner(other).fit(TRAIN.x, TRAIN.y), TEST.x);
    assertTrue(!java.util.Arrays.equals(first, reseeded), "subsampling should follow the seed");
  }

  @Test
  void modelsSurviveSerialisationForBroadcasting() throws Exception {
    for (ChurnLearner learner : ChurnLearners.defaults(42)) {
      ChurnModel model = learner.fit(TRAIN.x, TRAIN.y);
      ChurnModel copy = roundTrip(model);
      assertArrayEquals(score(model, TEST.x), score(copy, TEST.x), 0.0, learner.name());
      assertEquals(model.description(), copy.description());
    }
  }

  @Test
  void aSingleClassCannotBeLearnt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LogisticLearner(1).fit(new double[][] {{1}, {2}}, new int[] {0, 0}));
    assertTrue(e.getMessage().contains("only one class (0 of 2 positive)"), e.getMessage());
  }

  @Test
  void badSettingsAreRejectedWithTheValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new GradientBoostingLearner.Settings(100, 3, 6, 10, 1.5, 0.7, 1));
    assertEquals("shrinkage must be in (0, 1], got 1.5", e.getMessage());
  }

  private static ChurnModel roundTrip(ChurnModel model) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (ChurnModel) in.readObject();
    }
  }
}
