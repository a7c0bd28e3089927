package io.crm.analytics.churn;

import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.IntVector;
import smile.math.MathEx;

/**
 * Gradient-boosted regression trees for binary churn (Smile's {@link GradientTreeBoost}, logistic
 * loss). Row subsampling is random; the seed is set on Smile's thread-local generator right before
 * fitting, so the same data and seed give the same model.
 */
public final class GradientBoostingLearner implements ChurnLearner {
  private static final String LABEL = "churn_label";

  private final Settings settings;

  public GradientBoostingLearner(Settings settings) {
    this.settings = settings;
  }

  /**
   * Tree-boosting settings.
   *
   * @param trees boosting rounds
   * @param maxDepth maximum depth of each tree
   * @param maxNodes maximum leaves of each tree
   * @param nodeSize minimum rows in a leaf
   * @param shrinkage learning rate in (0, 1]
   * @param subsample share of rows drawn (without replacement) for each tree, in (0, 1]
   * @param seed seed of Smile's generator
   */
  public record Settings(
      int trees, int maxDepth, int maxNodes, int nodeSize, double shrinkage, double subsample, long seed) {
    public Settings {
      if (trees < 1) {
        throw new IllegalArgumentException("trees must be at least 1, got " + trees);
      }
      if (maxDepth < 2) {
        throw new IllegalArgumentException("maxDepth must be at least 2, got " + maxDepth);
      }
      if (maxNodes < 2) {
        throw new IllegalArgumentException("maxNodes must be at least 2, got " + maxNodes);
      }
      if (nodeSize < 1) {
        throw new IllegalArgumentException("nodeSize must be at least 1, got " + nodeSize);
      }
      if (!(shrinkage > 0 && shrinkage <= 1)) {
        throw new IllegalArgumentException("shrinkage must be in (0, 1], got " + shrinkage);
      }
      if (!(subsample > 0 && subsample <= 1)) {
        throw new IllegalArgumentException("subsample must be in (0, 1], got " + subsample);
      }
    }

    /**
     * Modest defaults that keep a 5-fold run on a few thousand rows to seconds: 200 shallow trees
     * (depth 3, at most 6 leaves) with shrinkage 0.05 and 70 % row subsampling.
     */
    public static Settings defaults(long seed) {
      return new Settings(200, 3, 6, 10, 0.05, 0.7, seed);
    }
  }

  @Override
  public String name() {
    return "gbt";
  }

  @Override
  public String description() {
    Settings s = settings;
    return "gbt(trees=" + s.trees() + ", maxDepth=" + s.maxDepth() + ", maxNodes=" + s.maxNodes()
        + ", nodeSize=" + s.nodeSize() + ", shrinkage=" + s.shrinkage() + ", subsample=" + s.subsample()
        + ", seed=" + s.seed() + ")";
  }

  @Override
  public Model fit(double[][] features, int[] labels) {
    ChurnLearner.validate(features, labels);
    String[] names = columnNames(features[0].length);
    DataFrame x = DataFrame.of(features, names);
    DataFrame data = x.merge(IntVector.of(LABEL, labels));
    Settings s = settings;
    MathEx.setSeed(s.seed());
    GradientTreeBoost gbt =
        GradientTreeBoost.fit(
            Formula.lhs(LABEL), data, s.trees(), s.maxDepth(), s.maxNodes(), s.nodeSize(),
            s.shrinkage(), s.subsample());
    return new Model(gbt, x.schema(), description());
  }

  private static String[] columnNames(int p) {
    // Positional names: encoded names may hold characters Smile's formula parser dislikes.
    String[] names = new String[p];
    for (int j = 0; j < p; j++) {
      names[j] = "x" + j;
    }
    return names;
  }

  /** A fitted boosted-tree model with the schema its tuples need. */
  public record Model(GradientTreeBoost gbt, StructType schema, String description) implements ChurnModel {
    private static final long serialVersionUID = 1L;

    @Override
    public double probability(double[] features) {
      if (features.length != schema.length()) {
        throw new IllegalArgumentException(
            "expected " + schema.length() + " features, got " + features.length);
      }
      double[] posterior = new double[2];
      gbt.predict(Tuple.of(features, schema), posterior);
      return posterior[1];
    }

    /** Smile's split-gain importance per encoded feature, in input order. */
    @Override
    public double[] importance() {
      return gbt.importance();
    }
  }
}
