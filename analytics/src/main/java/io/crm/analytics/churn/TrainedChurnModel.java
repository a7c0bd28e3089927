package io.crm.analytics.churn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A model ready to score raw rows: the encoding learnt from its training rows plus the fitted
 * classifier. Serializable as a whole, so one object can be stored or broadcast.
 *
 * @param trainingRows rows it was fitted on
 * @param trainingPositives churners among them
 */
public record TrainedChurnModel(FeatureEncoding encoding, ChurnModel model, int trainingRows, int trainingPositives)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Churn probability of one raw row whose values follow {@link FeatureEncoding#inputNames()}. */
  public double probability(Object[] raw) {
    return model.probability(encoding.encode(raw));
  }

  /** Churn probabilities of the given rows of a matrix holding the input columns. */
  public double[] probabilities(FeatureMatrix matrix, int[] rows) {
    double[][] x = encoding.encode(matrix, rows);
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = model.probability(x[i]);
    }
    return p;
  }

  /** Encoded features by importance, largest first, each with its share of the total. */
  public List<FeatureImportance> importance() {
    double[] raw = model.importance();
    List<String> names = encoding.outputNames();
    double total = 0;
    for (double v : raw) {
      total += v;
    }
    List<FeatureImportance> out = new ArrayList<>(raw.length);
    for (int j = 0; j < raw.length; j++) {
      out.add(new FeatureImportance(names.get(j), raw[j], total > 0 ? raw[j] / total : 0.0));
    }
    out.sort(Comparator.comparingDouble(FeatureImportance::value).reversed());
    return out;
  }

  /** Importance of one encoded feature; {@code share} is its fraction of the model's total. */
  public record FeatureImportance(String feature, double value, double share) {}
}
