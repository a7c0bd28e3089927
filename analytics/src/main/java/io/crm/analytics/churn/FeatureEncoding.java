package io.crm.analytics.churn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The fitted translation from raw columns to a numeric vector: median imputation plus a missing
 * indicator for numeric columns, one-hot levels for categorical ones. Everything in it was learnt
 * from training rows only; it travels with the model (it is serializable) so that scoring encodes
 * exactly as training did.
 */
public final class FeatureEncoding implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Stand-in level for a blank categorical cell. */
  public static final String MISSING_LEVEL = "(missing)";
  /** Bucket for rare levels and for levels first seen at scoring time. */
  public static final String OTHER_LEVEL = "(other)";

  private final List<ColumnEncoding> columns;
  private final List<String> outputNames;

  FeatureEncoding(List<ColumnEncoding> columns) {
    this.columns = List.copyOf(columns);
    List<String> names = new ArrayList<>();
    for (ColumnEncoding c : columns) {
      names.addAll(c.outputNames());
    }
    this.outputNames = Collections.unmodifiableList(names);
  }

  /** Names of the raw input columns, in the order {@link #encode(Object[])} expects. */
  public List<String> inputNames() {
    return columns.stream().map(ColumnEncoding::name).toList();
  }

  /** Names of the encoded features, e.g. {@code tenure}, {@code TotalCharges=missing}, {@code Contract=Two year}. */
  public List<String> outputNames() {
    return outputNames;
  }

  public int width() {
    return outputNames.size();
  }

  public List<ColumnEncoding> columns() {
    return columns;
  }

  /** Encodes the given rows of a matrix that has (at least) the input columns, matched by name. */
  public double[][] encode(FeatureMatrix matrix, int[] rows) {
    Map<String, FeatureColumn> byName = new java.util.HashMap<>();
    for (FeatureColumn c : matrix.columns()) {
      byName.put(c.name(), c);
    }
    FeatureColumn[] bound = new FeatureColumn[columns.size()];
    for (int j = 0; j < columns.size(); j++) {
      ColumnEncoding enc = columns.get(j);
      FeatureColumn col = byName.get(enc.name());
      if (col == null) {
        throw new IllegalArgumentException(
            "feature column '" + enc.name() + "' is missing; have " + matrix.names());
      }
      if ((enc instanceof NumericEncoding) != (col instanceof FeatureColumn.Numeric)) {
        throw new IllegalArgumentException(
            "feature column '" + enc.name() + "' was " + enc.kind() + " in training but is "
                + (col instanceof FeatureColumn.Numeric ? "numeric" : "categorical") + " now");
      }
      bound[j] = col;
    }
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      Object[] raw = new Object[bound.length];
      for (int j = 0; j < bound.length; j++) {
        raw[j] =
            bound[j] instanceof FeatureColumn.Numeric n
                ? (Object) n.values()[r]
                : ((FeatureColumn.Categorical) bound[j]).values()[r];
      }
      out[i] = encode(raw);
    }
    return out;
  }

  /**
   * Encodes one raw row whose values follow {@link #inputNames()}: numbers (or numeric strings)
   * for numeric columns, strings for categorical ones, null (or NaN) for missing.
   */
  public double[] encode(Object[] raw) {
    if (raw.length != columns.size()) {
      throw new IllegalArgumentException(
          "expected " + columns.size() + " raw values " + inputNames() + ", got " + raw.length);
    }
    double[] out = new double[outputNames.size()];
    int k = 0;
    for (int j = 0; j < columns.size(); j++) {
      k = columns.get(j).write(raw[j], out, k);
    }
    return out;
  }

  /** How one raw column becomes one or more encoded features. */
  public sealed interface ColumnEncoding extends Serializable permits NumericEncoding, CategoricalEncoding {
    String name();

    String kind();

    List<String> outputNames();

    /** Writes this column's features into {@code out} from position {@code at}; returns the next position. */
    int write(Object raw, double[] out, int at);
  }

  /** Numeric column: the value, or the training median when missing, plus an optional missing flag. */
  public record NumericEncoding(String name, double fill, boolean indicator) implements ColumnEncoding {
    @Override
    public String kind() {
      return "numeric";
    }

    @Override
    public List<String> outputNames() {
      return indicator ? List.of(name, name + "=missing") : List.of(name);
    }

    @Override
    public int write(Object raw, double[] out, int at) {
      double v = toDouble(raw);
      boolean missing = Double.isNaN(v);
      out[at++] = missing ? fill : v;
      if (indicator) {
        out[at++] = missing ? 1.0 : 0.0;
      }
      return at;
    }

    private double toDouble(Object raw) {
      if (raw == null) {
        return Double.NaN;
      }
      if (raw instanceof Number n) {
        return n.doubleValue();
      }
      String s = raw.toString().trim();
      if (s.isEmpty()) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("numeric column '" + name + "' got '" + raw + "'", e);
      }
    }
  }

  /**
   * Categorical column: one 0/1 feature per level kept in training. A blank cell counts as the
   * level {@link #MISSING_LEVEL}; rare and unseen levels go to {@link #OTHER_LEVEL} when training
   * had one, otherwise they encode as all zeros.
   */
  public record CategoricalEncoding(String name, List<String> levels) implements ColumnEncoding {
    public CategoricalEncoding {
      levels = List.copyOf(levels);
    }

    @Override
    public String kind() {
      return "categorical";
    }

    @Override
    public List<String> outputNames() {
      return levels.stream().map(l -> name + "=" + l).toList();
    }

    @Override
    public int write(Object raw, double[] out, int at) {
      String level = FeatureEncoder.level(raw);
      int idx = levels.indexOf(level);
      if (idx < 0) {
        idx = levels.indexOf(OTHER_LEVEL);
      }
      if (idx >= 0) {
        out[at + idx] = 1.0;
      }
      return at + levels.size();
    }
  }
}
