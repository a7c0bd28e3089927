package io.crm.analytics.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

  /** Five customers: a numeric column with a blank and an outlier, a categorical one with a blank. */
  private static FeatureMatrix customers() {
    return FeatureMatrix.builder()
        .numeric("spend", new double[] {10, Double.NaN, 30, 20, 1000})
        .categorical("plan", new String[] {"basic", "pro", null, "basic", "enterprise"})
        .build();
  }

  @Test
  void numericBlanksGetTheTrainingMedianAndAMissingFlag() {
    FeatureEncoding enc = new FeatureEncoder().fit(customers(), new int[] {0, 1, 2, 3});
    assertEquals(List.of("spend", "spend=missing"), enc.outputNames().subList(0, 2));
    double[][] x = enc.encode(customers(), new int[] {1, 4});
    assertEquals(20.0, x[0][0], 1e-12, "median of 10, 30, 20 (row 4's 1000 is not training data)");
    assertEquals(1.0, x[0][1]);
    assertEquals(1000.0, x[1][0]);
    assertEquals(0.0, x[1][1]);
  }

  @Test
  void validationRowsNeverShapeTheEncoding() {
    FeatureEncoding fitted = new FeatureEncoder().fit(customers(), new int[] {0, 2, 3});
    // row 1 (the only blank spend) and row 4 (the only "enterprise") are held out
    assertEquals(List.of("spend", "plan=(missing)", "plan=basic"), fitted.outputNames());
    double[][] x = fitted.encode(customers(), new int[] {1, 4});
    assertArrayEquals(new double[] {20, 0, 0}, x[0], 1e-12);
    assertArrayEquals(new double[] {1000, 0, 0}, x[1], 1e-12, "an unseen level encodes as all zeros");
  }

  @Test
  void categoricalBlanksAreALevelOfTheirOwn() {
    FeatureEncoding enc = new FeatureEncoder().fit(customers(), new int[] {0, 1, 2, 3, 4});
    assertEquals(
        List.of("spend", "spend=missing", "plan=(missing)", "plan=basic", "plan=enterprise", "plan=pro"),
        enc.outputNames());
    assertArrayEquals(new double[] {30, 0, 1, 0, 0, 0}, enc.encode(customers(), new int[] {2})[0], 1e-12);
  }

  @Test
  void rareLevelsArePooledBeyondTheCap() {
    FeatureMatrix m =
        FeatureMatrix.builder().categorical("city", new String[] {"a", "a", "a", "b", "b", "c", "d"}).build();
    FeatureEncoding enc = new FeatureEncoder(2).fit(m, new int[] {0, 1, 2, 3, 4, 5, 6});
    assertEquals(List.of("city=a", "city=b", "city=(other)"), enc.outputNames());
    assertArrayEquals(new double[] {0, 0, 1}, enc.encode(new Object[] {"c"}), 1e-12);
    assertArrayEquals(new double[] {0, 0, 1}, enc.encode(new Object[] {"never seen"}), 1e-12);
  }

  @Test
  void rawRowsEncodeLikeMatrixRows() {
    FeatureEncoding enc = new FeatureEncoder().fit(customers(), new int[] {0, 1, 2, 3, 4});
    assertArrayEquals(enc.encode(customers(), new int[] {0})[0], enc.encode(new Object[] {10, "basic"}), 1e-12);
    assertArrayEquals(enc.encode(customers(), new int[] {1})[0], enc.encode(new Object[] {null, "pro"}), 1e-12);
  }

  @Test
  void aColumnThatChangedTypeIsRejected() {
    FeatureEncoding enc = new FeatureEncoder().fit(customers(), new int[] {0, 1, 2});
    FeatureMatrix changed =
        FeatureMatrix.builder()
            .categorical("spend", new String[] {"x"})
            .categorical("plan", new String[] {"basic"})
            .build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> enc.encode(changed, new int[] {0}));
    assertTrue(e.getMessage().contains("'spend' was numeric"), e.getMessage());
  }
}
