package io.crm.analytics.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChurnTrainerTest {

  private static final SyntheticChurn DATA = SyntheticChurn.of(2000, 5);

  @Test
  void theStrongestDriverRanksFirstForBothLearners() {
    for (ChurnLearner learner : ChurnLearners.defaults(1)) {
      TrainedChurnModel model = new ChurnTrainer(new FeatureEncoder(), learner).fit(DATA.matrix(), DATA.y);
      List<TrainedChurnModel.FeatureImportance> ranked = model.importance();
      assertEquals("x0", ranked.get(0).feature(), learner.name() + " " + ranked);
      assertEquals("x2", ranked.get(2).feature(), learner.name() + ": the noise column ranks last " + ranked);
      assertEquals(1.0, ranked.stream().mapToDouble(TrainedChurnModel.FeatureImportance::share).sum(), 1e-9);
    }
  }

  @Test
  void aStoredModelScoresRawRowsLikeTheOriginal() throws Exception {
    FeatureMatrix withBlank =
        FeatureMatrix.builder()
            .numeric("tenure", new double[] {1, 40, Double.NaN, 3, 60, 2, 50, 5})
            .categorical("plan", new String[] {"monthly", "yearly", "monthly", null, "yearly", "monthly", "yearly", "monthly"})
            .build();
    int[] labels = {1, 0, 1, 1, 0, 0, 0, 1};
    TrainedChurnModel model = new ChurnTrainer(new FeatureEncoder(), new LogisticLearner(1.0)).fit(withBlank, labels);
    assertEquals(8, model.trainingRows());
    assertEquals(4, model.trainingPositives());

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    TrainedChurnModel copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (TrainedChurnModel) in.readObject();
    }
    double[] fromMatrix = model.probabilities(withBlank, new int[] {2, 3});
    assertEquals(fromMatrix[0], copy.probability(new Object[] {null, "monthly"}), 0.0);
    assertEquals(fromMatrix[1], copy.probability(new Object[] {3.0, null}), 0.0);
    double shortMonthly = copy.probability(new Object[] {1, "monthly"});
    double longYearly = copy.probability(new Object[] {60, "yearly"});
    assertTrue(shortMonthly > longYearly, shortMonthly + " vs " + longYearly);
  }
}
