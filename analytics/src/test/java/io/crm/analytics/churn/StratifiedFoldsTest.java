package io.crm.analytics.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {

  /** 103 rows, 26 of them churners (every fourth row), spread through the table. */
  private static int[] labels() {
    int[] y = new int[103];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 4 == 1 ? 1 : 0;
    }
    return y;
  }

  @Test
  void everyFoldGetsTheSameShareOfChurnersWithinOneRow() {
    int[] y = labels();
    int[] fold = StratifiedFolds.assign(y, 5, 42);
    int[] size = new int[5];
    int[] churners = new int[5];
    for (int i = 0; i < y.length; i++) {
      size[fold[i]]++;
      churners[fold[i]] += y[i];
    }
    assertTrue(max(size) - min(size) <= 1, Arrays.toString(size));
    assertTrue(max(churners) - min(churners) <= 1, Arrays.toString(churners));
    assertTrue(Arrays.stream(size).sum() == y.length);
  }

  @Test
  void theSeedFixesTheAssignment() {
    int[] y = labels();
    assertArrayEquals(StratifiedFolds.assign(y, 5, 7), StratifiedFolds.assign(y, 5, 7));
    assertFalse(Arrays.equals(StratifiedFolds.assign(y, 5, 7), StratifiedFolds.assign(y, 5, 8)));
  }

  @Test
  void trainingAndValidationRowsPartitionTheTable() {
    int[] fold = StratifiedFolds.assign(labels(), 3, 1);
    int[] valid = StratifiedFolds.rows(fold, 2, true);
    int[] train = StratifiedFolds.rows(fold, 2, false);
    assertTrue(valid.length + train.length == fold.length);
    for (int r : valid) {
      assertTrue(Arrays.binarySearch(train, r) < 0);
    }
  }

  @Test
  void aSampleKeepsTheShareOfChurnersAndTheSeedFixesIt() {
    int[] y = labels();
    int[] sample = StratifiedFolds.sample(y, 40, 42);
    assertEquals(40, sample.length);
    int churners = 0;
    for (int i = 0; i < sample.length; i++) {
      assertTrue(i == 0 || sample[i] > sample[i - 1], "ascending and distinct: " + Arrays.toString(sample));
      churners += y[sample[i]];
    }
    assertEquals(Math.round(40 * 26 / 103.0), churners, "26 of 103 rows churned, so 10 of 40");
    assertArrayEquals(sample, StratifiedFolds.sample(y, 40, 42));
    assertFalse(Arrays.equals(sample, StratifiedFolds.sample(y, 40, 43)));
  }

  @Test
  void aSampleNoSmallerThanTheTableIsEveryRow() {
    int[] y = labels();
    int[] all = StratifiedFolds.sample(y, 103, 1);
    assertEquals(103, all.length);
    for (int i = 0; i < all.length; i++) {
      assertEquals(i, all[i]);
    }
  }

  @Test
  void tooFewRowsOfAClassIsAnError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StratifiedFolds.assign(new int[] {1, 1, 0, 0, 0, 0}, 3, 1));
    assertTrue(e.getMessage().contains("2 positive"), e.getMessage());
  }

  private static int max(int[] v) {
    return Arrays.stream(v).max().orElseThrow();
  }

  private static int min(int[] v) {
    return Arrays.stream(v).min().orElseThrow();
  }
}
