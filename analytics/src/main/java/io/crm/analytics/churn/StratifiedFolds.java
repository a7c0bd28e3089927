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

  /**
   * At most {@code max} rows, ascending, with each class in the share it has in all rows (rounded,
   * and at least one row of a class that has any): each class is shuffled with the seed and its
   * first rows taken. All rows when there are no more than {@code max}.
   */
  public static int[] sample(int[] labels, int max, long seed) {
    if (max < 2) {
      throw new IllegalArgumentException("a stratified sample needs at least 2 rows, got " + max);
    }
    if (labels.length <= max) {
      int[] all = new int[labels.length];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    List<Integer> positives = new ArrayList<>();
    List<Integer> negatives = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      (labels[i] == 1 ? positives : negatives).add(i);
    }
    int takePositives = (int) Math.round((double) max * positives.size() / labels.length);
    takePositives = Math.max(positives.isEmpty() ? 0 : 1, Math.min(takePositives, Math.min(positives.size(), max - 1)));
    int takeNegatives = Math.min(negatives.size(), max - takePositives);
    Random random = new Random(seed);
    Collections.shuffle(positives, random);
    Collections.shuffle(negatives, random);
    int[] picked = new int[takePositives + takeNegatives];
    int at = 0;
    for (int i = 0; i < takePositives; i++) {
      picked[at++] = positives.get(i);
    }
    for (int i = 0; i < takeNegatives; i++) {
      picked[at++] = negatives.get(i);
    }
    java.util.Arrays.sort(picked);
    return picked;
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
