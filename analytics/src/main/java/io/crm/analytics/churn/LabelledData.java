package io.crm.analytics.churn;

import java.util.List;
import java.util.Map;

/**
 * A labelled table ready for evaluation: raw features, 0/1 labels (1 = the churn value), the id
 * of each row, and an account of what was read and what was set aside.
 *
 * @param positiveValue the label text that counts as churn (1)
 * @param negativeValue the other label text (0)
 * @param rowsRead data rows in the file (header excluded)
 * @param skipped rows set aside, by reason (e.g. {@code blank_label}), never silently dropped
 * @param blankCells blank feature cells per column (they become missing values), only columns with any
 */
public record LabelledData(
    List<String> ids,
    int[] labels,
    String positiveValue,
    String negativeValue,
    FeatureMatrix features,
    List<String> numericColumns,
    List<String> categoricalColumns,
    int rowsRead,
    Map<String, Integer> skipped,
    Map<String, Integer> blankCells) {

  public LabelledData {
    ids = List.copyOf(ids);
    numericColumns = List.copyOf(numericColumns);
    categoricalColumns = List.copyOf(categoricalColumns);
    skipped = Map.copyOf(skipped);
    blankCells = Map.copyOf(blankCells);
  }

  public int rows() {
    return labels.length;
  }

  public int positives() {
    int p = 0;
    for (int y : labels) {
      p += y;
    }
    return p;
  }
}
