package io.crm.analytics.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChurnMetricsTest {
  private static final double EPS = 1e-12;

  @Test
  void rocAucCountsCorrectlyOrderedPairs() {
    // churners 0.35, 0.8; stayers 0.1, 0.4: 3 of 4 pairs ordered correctly
    assertEquals(0.75, ChurnMetrics.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}), EPS);
  }

  @Test
  void rocAucCountsTiesAsHalf() {
    // pairs: (0.5 vs 0.2)=1, (0.5 vs 0.5)=1/2, (0.9 vs 0.2)=1, (0.9 vs 0.5)=1 -> 3.5 / 4
    assertEquals(0.875, ChurnMetrics.rocAuc(new double[] {0.2, 0.5, 0.5, 0.9}, new int[] {0, 1, 0, 1}), EPS);
    assertEquals(0.5, ChurnMetrics.rocAuc(new double[] {0.3, 0.3, 0.3, 0.3}, new int[] {0, 1, 0, 1}), EPS);
  }

  @Test
  void rocAucIsOneForPerfectAndZeroForReversedRanking() {
    int[] labels = {0, 0, 1, 1, 1};
    assertEquals(1.0, ChurnMetrics.rocAuc(new double[] {1, 2, 3, 4, 5}, labels), EPS);
    assertEquals(0.0, ChurnMetrics.rocAuc(new double[] {5, 4, 3, 2, 1}, labels), EPS);
  }

  @Test
  void rocAucDoesNotDependOnRowOrderWithTies() {
    double a = ChurnMetrics.rocAuc(new double[] {0.5, 0.5, 0.1, 0.7, 0.5}, new int[] {1, 0, 0, 1, 0});
    double b = ChurnMetrics.rocAuc(new double[] {0.5, 0.7, 0.5, 0.1, 0.5}, new int[] {0, 1, 0, 0, 1});
    assertEquals(a, b, EPS);
    // churners 0.5, 0.7 vs stayers 0.5, 0.1, 0.5: (0.5: 1/2+1+1/2) + (0.7: 3) = 5 of 6
    assertEquals(5.0 / 6.0, a, EPS);
  }

  @Test
  void rocAucOnAHundredThousandRowsEqualsThePairCount() {
    // 60,000 churners, 40,000 stayers; scores rise with the row but churners sit in 3 of every 5
    // rows, with a tie block every 1,000 rows: the answer is counted pair by pair from the top
    int n = 100_000;
    double[] scores = new double[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      scores[i] = i / 1_000;
      labels[i] = i % 5 < 3 ? 1 : 0;
    }
    double correctPairs = 0;
    long positivesAbove = 0;
    for (int block = n / 1_000 - 1; block >= 0; block--) {
      long blockPositives = 0;
      long blockNegatives = 0;
      for (int i = block * 1_000; i < (block + 1) * 1_000; i++) {
        blockPositives += labels[i];
        blockNegatives += 1 - labels[i];
      }
      correctPairs += blockNegatives * (positivesAbove + blockPositives / 2.0);
      positivesAbove += blockPositives;
    }
    double expected = correctPairs / (60_000.0 * 40_000.0);
    double auc = ChurnMetrics.rocAuc(scores, labels);
    assertEquals(expected, auc, 1e-12);
    assertTrue(auc >= 0 && auc <= 1, "an AUC lies in [0, 1]: " + auc);
  }

  @Test
  void rocAucNeedsBothClasses() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChurnMetrics.rocAuc(new double[] {0.1, 0.2}, new int[] {1, 1}));
    assertTrue(e.getMessage().contains("2 positive and 0 negative"), e.getMessage());
  }

  @Test
  void averagePrecisionSumsPrecisionAtEachRecallStep() {
    // ranked: 0.8 (churn) P=1 R=1/2; 0.4 (stay); 0.35 (churn) P=2/3 R=1 -> 1/2*1 + 1/2*2/3
    assertEquals(
        0.5 + 1.0 / 3.0,
        ChurnMetrics.averagePrecision(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}),
        EPS);
  }

  @Test
  void averagePrecisionTreatsTiedScoresAsOneThreshold() {
    // 0.9 is a stayer (recall 0); the tie at 0.5 holds the churner and a stayer: P=1/3 at R=1
    assertEquals(1.0 / 3.0, ChurnMetrics.averagePrecision(new double[] {0.9, 0.5, 0.5}, new int[] {0, 1, 0}), EPS);
  }

  @Test
  void liftAtTopDecileComparesTopRateWithBaseRate() {
    double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};
    // 2 churners of 10 (20 %); the top row (10 %) is a churner: 100 % / 20 % = 5
    assertEquals(5.0, ChurnMetrics.liftAtTopDecile(scores, new int[] {1, 0, 0, 0, 1, 0, 0, 0, 0, 0}), EPS);
    assertEquals(0.0, ChurnMetrics.liftAtTopDecile(scores, new int[] {0, 1, 0, 0, 1, 0, 0, 0, 0, 0}), EPS);
  }

  @Test
  void liftCountsTheShareOfATieBlockThatFitsTheCut() {
    // 20 rows, top 10 % = 2 rows: one churner at 0.9, then a block of 4 tied at 0.8 holding 2
    // churners of which 1 of 4 slots fits -> 0.5 expected churner; 1.5 of 2 = 75 %.
    // 3 churners in 20 = 15 % -> lift 5.
    double[] scores = new double[20];
    int[] labels = new int[20];
    scores[0] = 0.9;
    labels[0] = 1;
    for (int i = 1; i <= 4; i++) {
      scores[i] = 0.8;
    }
    labels[2] = 1;
    labels[4] = 1;
    for (int i = 5; i < 20; i++) {
      scores[i] = 0.1;
    }
    assertEquals(5.0, ChurnMetrics.liftAtTopDecile(scores, labels), EPS);
  }

  @Test
  void brierIsTheMeanSquaredError() {
    // (0.1^2 + 0.2^2 + 0.5^2) / 3 = 0.3 / 3
    assertEquals(0.1, ChurnMetrics.brier(new double[] {0.9, 0.2, 0.5}, new int[] {1, 0, 1}), EPS);
  }

  @Test
  void brierRejectsValuesOutsideZeroOne() {
    assertThrows(IllegalArgumentException.class, () -> ChurnMetrics.brier(new double[] {1.5}, new int[] {1}));
  }

  @Test
  void calibrationTableBinsByPredictedProbability() {
    List<ChurnMetrics.CalibrationBin> table =
        ChurnMetrics.calibration(new double[] {0.05, 0.15, 0.12, 0.95, 1.0}, new int[] {0, 1, 0, 1, 1}, 10);
    assertEquals(10, table.size());
    ChurnMetrics.CalibrationBin first = table.get(0);
    assertEquals(1, first.rows());
    assertEquals(0.05, first.meanPredicted(), EPS);
    assertEquals(0.0, first.observedRate(), EPS);
    ChurnMetrics.CalibrationBin second = table.get(1);
    assertEquals(0.1, second.lower(), EPS);
    assertEquals(0.2, second.upper(), EPS);
    assertEquals(2, second.rows());
    assertEquals(0.135, second.meanPredicted(), EPS);
    assertEquals(0.5, second.observedRate(), EPS);
    ChurnMetrics.CalibrationBin last = table.get(9);
    assertEquals(2, last.rows(), "1.0 belongs to the last bin");
    assertEquals(0.975, last.meanPredicted(), EPS);
    assertEquals(1.0, last.observedRate(), EPS);
    assertEquals(0, table.get(5).rows());
    assertTrue(Double.isNaN(table.get(5).observedRate()));
  }

  @Test
  void mismatchedLengthsAreRejectedWithBothSizes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChurnMetrics.rocAuc(new double[] {0.1, 0.2}, new int[] {1}));
    assertEquals("2 scores but 1 labels", e.getMessage());
  }
}
