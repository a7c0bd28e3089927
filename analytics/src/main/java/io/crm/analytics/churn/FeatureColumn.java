package io.crm.analytics.churn;

/**
 * One named input column of a {@link FeatureMatrix}: numbers (NaN = missing) or category labels
 * (null = missing). The encoder turns these into the numeric vectors the learners see.
 */
public sealed interface FeatureColumn permits FeatureColumn.Numeric, FeatureColumn.Categorical {

  String name();

  int size();

  /** The given rows of this column, in the given order. */
  FeatureColumn rows(int[] rows);

  /** A numeric column; {@code Double.NaN} marks a missing value. */
  record Numeric(String name, double[] values) implements FeatureColumn {
    public Numeric {
      requireName(name);
      if (values == null) {
        throw new IllegalArgumentException("numeric column '" + name + "' has no values array");
      }
      for (int i = 0; i < values.length; i++) {
        if (Double.isInfinite(values[i])) {
          throw new IllegalArgumentException(
              "numeric column '" + name + "' row " + i + " is infinite: " + values[i]);
        }
      }
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public Numeric rows(int[] rows) {
      double[] picked = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        picked[i] = values[rows[i]];
      }
      return new Numeric(name, picked);
    }
  }

  /** A categorical column; {@code null} marks a missing value. */
  record Categorical(String name, String[] values) implements FeatureColumn {
    public Categorical {
      requireName(name);
      if (values == null) {
        throw new IllegalArgumentException("categorical column '" + name + "' has no values array");
      }
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public Categorical rows(int[] rows) {
      String[] picked = new String[rows.length];
      for (int i = 0; i < rows.length; i++) {
        picked[i] = values[rows[i]];
      }
      return new Categorical(name, picked);
    }
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("feature column name is blank: '" + name + "'");
    }
  }
}
