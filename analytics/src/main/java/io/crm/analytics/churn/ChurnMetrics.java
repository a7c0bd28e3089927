package io.crm.analytics.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Threshold-free metrics for a churn score: each takes scores (higher = more likely to churn)
 * and 0/1 labels (1 = churned). Tied scores are treated as one block, so results never depend on
 * the order rows arrive in.
 */
public final class ChurnMetrics {

  private ChurnMetrics() {}

  /**
   * ROC AUC as the Mann-Whitney rank statistic: the probability that a random churner scores
   * above a random non-churner, ties counting one half (mid-ranks).
   */
  public static double rocAuc(double[] scores, int[] labels) {
    int positives = check(scores, labels, false);
    int negatives = labels.length - positives;
    requireBothClasses(positives, negatives);
    Integer[] order = ascending(scores);
    double positiveRankSum = 0;
    int i = 0;
    while (i < order.length) {
      int j = groupEnd(order, scores, i);
      double midRank = (i + 1 + j) / 2.0; // ranks i+1 .. j, 1-based
      for (int t = i; t < j; t++) {
        if (labels[order[t]] == 1) {
          positiveRankSum += midRank;
        }
      }
      i = j;
    }
    // in double: positives * (positives + 1) overflows an int from 46,341 positives on
    double u = positiveRankSum - (double) positives * (positives + 1) / 2.0;
    return u / ((double) positives * negatives);
  }

  /**
   * PR AUC as average precision: the sum over score thresholds of (gain in recall) x (precision
   * at that threshold), each distinct score being one threshold.
   */
  public static double averagePrecision(double[] scores, int[] labels) {
    int positives = check(scores, labels, false);
    requireBothClasses(positives, labels.length - positives);
    Integer[] order = descending(scores);
    double ap = 0;
    int tp = 0;
    int seen = 0;
    double previousRecall = 0;
    int i = 0;
    while (i < order.length) {
      int j = groupEnd(order, scores, i);
      for (int t = i; t < j; t++) {
        tp += labels[order[t]];
      }
      seen = j;
      double recall = (double) tp / positives;
      ap += (recall - previousRecall) * ((double) tp / seen);
      previousRecall = recall;
      i = j;
    }
    return ap;
  }

  /**
   * Lift in the top {@code fraction} of scores: the churn rate among the ceil(fraction x n)
   * highest-scored rows divided by the overall churn rate. A tie block straddling the cut counts
   * with the share of it that fits (its expected churners under a random tie-break).
   */
  public static double liftAtTop(double[] scores, int[] labels, double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
    }
    int positives = check(scores, labels, false);
    if (positives == 0) {
      throw new IllegalArgumentException("lift is undefined without positive labels");
    }
    int n = labels.length;
    int cut = (int) Math.ceil(fraction * n - 1e-9);
    Integer[] order = descending(scores);
    double churnersInTop = 0;
    int taken = 0;
    int i = 0;
    while (i < order.length && taken < cut) {
      int j = groupEnd(order, scores, i);
      int size = j - i;
      int groupPositives = 0;
      for (int t = i; t < j; t++) {
        groupPositives += labels[order[t]];
      }
      int take = Math.min(size, cut - taken);
      churnersInTop += groupPositives * ((double) take / size);
      taken += take;
      i = j;
    }
    return (churnersInTop / cut) / ((double) positives / n);
  }

  /** Lift in the top 10 % of scores. */
  public static double liftAtTopDecile(double[] scores, int[] labels) {
    return liftAtTop(scores, labels, 0.1);
  }

  /** Brier score: mean squared difference between predicted probability and the 0/1 outcome. */
  public static double brier(double[] probabilities, int[] labels) {
    check(probabilities, labels, true);
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      double d = probabilities[i] - labels[i];
      sum += d * d;
    }
    return sum / labels.length;
  }

  /**
   * Calibration table: probabilities cut into {@code bins} equal-width bins over [0, 1] (1.0
   * falls in the last bin); per bin the row count, mean predicted probability and observed churn
   * rate (NaN for empty bins).
   */
  public static List<CalibrationBin> calibration(double[] probabilities, int[] labels, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, got " + bins);
    }
    check(probabilities, labels, true);
    int[] count = new int[bins];
    int[] churned = new int[bins];
    double[] predicted = new double[bins];
    for (int i = 0; i < labels.length; i++) {
      int b = Math.min((int) (probabilities[i] * bins), bins - 1);
      count[b]++;
      churned[b] += labels[i];
      predicted[b] += probabilities[i];
    }
    List<CalibrationBin> table = new ArrayList<>(bins);
    for (int b = 0; b < bins; b++) {
      table.add(
          new CalibrationBin(
              (double) b / bins,
              (double) (b + 1) / bins,
              count[b],
              churned[b],
              count[b] == 0 ? Double.NaN : predicted[b] / count[b],
              count[b] == 0 ? Double.NaN : (double) churned[b] / count[b]));
    }
    return table;
  }

  /** One row of a calibration table: bin [lower, upper). */
  public record CalibrationBin(
      double lower, double upper, int rows, int churned, double meanPredicted, double observedRate) {}

  private static int check(double[] scores, int[] labels, boolean probabilities) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
    }
    if (scores.length == 0) {
      throw new IllegalArgumentException("no scores to evaluate");
    }
    int positives = 0;
    for (int i = 0; i < scores.length; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label at row " + i + " is " + labels[i] + ", expected 0 or 1");
      }
      double s = scores[i];
      if (Double.isNaN(s) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("score at row " + i + " is not finite: " + s);
      }
      if (probabilities && (s < 0 || s > 1)) {
        throw new IllegalArgumentException("probability at row " + i + " is outside [0, 1]: " + s);
      }
      positives += labels[i];
    }
    return positives;
  }

  private static void requireBothClasses(int positives, int negatives) {
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException(
          "needs both classes, got " + positives + " positive and " + negatives + " negative labels");
    }
  }

  private static Integer[] ascending(double[] scores) {
    Integer[] order = indices(scores.length);
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    return order;
  }

  private static Integer[] descending(double[] scores) {
    Integer[] order = indices(scores.length);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    return order;
  }

  private static Integer[] indices(int n) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /** End (exclusive) of the block of equal scores that starts at position {@code start}. */
  private static int groupEnd(Integer[] order, double[] scores, int start) {
    int end = start + 1;
    while (end < order.length && scores[order[end]] == scores[order[start]]) {
      end++;
    }
    return end;
  }
}
