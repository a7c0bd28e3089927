package io.crm.analytics.churn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Assigns rows to K folds so that every fold holds (within one row) the same share of churners:
 * each class is shuffled with the seed and dealt round-robin, positives first, continuing the deal
 * with the negatives so fold sizes also stay within one row of each other.
 */
public final class StratifiedFolds {

  private StratifiedFolds() {}

  /** The fold (0..k-1) of every row. */
  public static int[] assign(int[] labels, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("folds must be at least 2, got " + k);
    }
    List<Integer> positives = new ArrayList<>();
    List<Integer> negatives = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == 1) {
        positives.add(i);
      } else if (labels[i] == 0) {
        negatives.add(i);
      } else {
        throw new IllegalArgumentException("label at row " + i + " is " + labels[i] + ", expected 0 or 1");
      }
    }
    int smaller = Math.min(positives.size(), negatives.size());
    if (smaller < k) {
      throw new IllegalArgumentException(
          k + " folds need at least " + k + " rows of each class, got " + positives.size()
              + " positive and " + negatives.size() + " negative");
    }
    Random random = new Random(seed);
    Collections.shuffle(positives, random);
    Collections.shuffle(negatives, random);
    int[] fold = new int[labels.length];
    int deal = 0;
    for (int row : positives) {
      fold[row] = deal++ % k;
    }
    for (int row : negatives) {
      fold[row] = deal++ % k;
    }
    return fold;
  }

  /** Rows whose fold is (or, with {@code inFold} false, is not) {@code f}, ascending. */
  public static int[] rows(int[] folds, int f, boolean inFold) {
    int count = 0;
    for (int v : folds) {
      if ((v == f) == inFold) {
        count++;
      }
    }
    int[] rows = new int[count];
    int at = 0;
    for (int i = 0; i < folds.length; i++) {
      if ((folds[i] == f) == inFold) {
        rows[at++] = i;
      }
    }
    return rows;
  }
}
