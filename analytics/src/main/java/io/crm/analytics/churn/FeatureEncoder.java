package io.crm.analytics.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns a {@link FeatureEncoding} from the training rows of a {@link FeatureMatrix}: the median
 * of each numeric column (and whether it needs a missing indicator) and the levels of each
 * categorical column (the most frequent {@code maxLevels}, the rest pooled as "(other)").
 * Validation rows are never looked at, which keeps cross-validation honest.
 */
public final class FeatureEncoder {
  private final int maxLevels;

  /** @param maxLevels levels kept per categorical column before the rest are pooled; at least 1 */
  public FeatureEncoder(int maxLevels) {
    if (maxLevels < 1) {
      throw new IllegalArgumentException("maxLevels must be at least 1, got " + maxLevels);
    }
    this.maxLevels = maxLevels;
  }

  /** Default: up to 50 levels per categorical column. */
  public FeatureEncoder() {
    this(50);
  }

  public FeatureEncoding fit(FeatureMatrix matrix, int[] trainingRows) {
    if (trainingRows.length == 0) {
      throw new IllegalArgumentException("cannot fit an encoding on zero training rows");
    }
    List<FeatureEncoding.ColumnEncoding> encodings = new ArrayList<>();
    for (FeatureColumn column : matrix.columns()) {
      if (column instanceof FeatureColumn.Numeric n) {
        encodings.add(fitNumeric(n, trainingRows));
      } else {
        encodings.add(fitCategorical((FeatureColumn.Categorical) column, trainingRows));
      }
    }
    return new FeatureEncoding(encodings);
  }

  private static FeatureEncoding.NumericEncoding fitNumeric(FeatureColumn.Numeric column, int[] rows) {
    double[] present = new double[rows.length];
    int n = 0;
    for (int r : rows) {
      double v = column.values()[r];
      if (!Double.isNaN(v)) {
        present[n++] = v;
      }
    }
    double fill = n == 0 ? 0.0 : median(Arrays.copyOf(present, n));
    return new FeatureEncoding.NumericEncoding(column.name(), fill, n < rows.length);
  }

  private FeatureEncoding.CategoricalEncoding fitCategorical(FeatureColumn.Categorical column, int[] rows) {
    Map<String, Integer> counts = new HashMap<>();
    for (int r : rows) {
      counts.merge(level(column.values()[r]), 1, Integer::sum);
    }
    List<Map.Entry<String, Integer>> byFrequency = new ArrayList<>(counts.entrySet());
    byFrequency.sort(
        Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
            .reversed()
            .thenComparing(Map.Entry::getKey));
    List<String> levels = new ArrayList<>();
    for (int i = 0; i < byFrequency.size() && i < maxLevels; i++) {
      levels.add(byFrequency.get(i).getKey());
    }
    levels.sort(Comparator.naturalOrder());
    if (byFrequency.size() > maxLevels) {
      levels.add(FeatureEncoding.OTHER_LEVEL);
    }
    return new FeatureEncoding.CategoricalEncoding(column.name(), levels);
  }

  /** The level a raw categorical value stands for: trimmed text, blanks as "(missing)". */
  static String level(Object raw) {
    if (raw == null) {
      return FeatureEncoding.MISSING_LEVEL;
    }
    String s = raw.toString().trim();
    return s.isEmpty() ? FeatureEncoding.MISSING_LEVEL : s;
  }

  static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
  }
}
