package io.crm.analytics.churn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Raw model inputs: named numeric and categorical columns of equal length, one row per customer.
 * Missing values stay missing here; imputation and one-hot encoding are fitted later, on training
 * rows only (see {@link FeatureEncoder}), so that evaluation never peeks at validation rows.
 */
public final class FeatureMatrix {
  private final List<FeatureColumn> columns;
  private final int rows;

  private FeatureMatrix(List<FeatureColumn> columns, int rows) {
    this.columns = List.copyOf(columns);
    this.rows = rows;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int rows() {
    return rows;
  }

  public List<FeatureColumn> columns() {
    return columns;
  }

  public List<String> names() {
    return columns.stream().map(FeatureColumn::name).toList();
  }

  /** The given rows, in the given order. */
  public FeatureMatrix rows(int[] rows) {
    List<FeatureColumn> picked = new ArrayList<>(columns.size());
    for (FeatureColumn c : columns) {
      picked.add(c.rows(rows));
    }
    return new FeatureMatrix(picked, rows.length);
  }

  /** Collects columns and checks that names are unique and lengths agree. */
  public static final class Builder {
    private final List<FeatureColumn> columns = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private Builder() {}

    public Builder numeric(String name, double[] values) {
      return add(new FeatureColumn.Numeric(name, values));
    }

    public Builder categorical(String name, String[] values) {
      return add(new FeatureColumn.Categorical(name, values));
    }

    public Builder add(FeatureColumn column) {
      if (!names.add(column.name())) {
        throw new IllegalArgumentException("duplicate feature column: '" + column.name() + "'");
      }
      if (!columns.isEmpty() && columns.get(0).size() != column.size()) {
        throw new IllegalArgumentException(
            "column '" + column.name() + "' has " + column.size() + " rows, but '"
                + columns.get(0).name() + "' has " + columns.get(0).size());
      }
      columns.add(column);
      return this;
    }

    public FeatureMatrix build() {
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("a feature matrix needs at least one column");
      }
      return new FeatureMatrix(columns, columns.get(0).size());
    }
  }
}
