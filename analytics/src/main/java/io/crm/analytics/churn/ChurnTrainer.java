package io.crm.analytics.churn;

/**
 * Fits one learner on all given rows: learns the encoding from them, encodes, fits, and returns
 * the pair as a {@link TrainedChurnModel}.
 */
public final class ChurnTrainer {
  private final FeatureEncoder encoder;
  private final ChurnLearner learner;

  public ChurnTrainer(FeatureEncoder encoder, ChurnLearner learner) {
    this.encoder = encoder;
    this.learner = learner;
  }

  public TrainedChurnModel fit(FeatureMatrix matrix, int[] labels) {
    if (matrix.rows() != labels.length) {
      throw new IllegalArgumentException(matrix.rows() + " feature rows but " + labels.length + " labels");
    }
    int[] all = new int[labels.length];
    int positives = 0;
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
      positives += labels[i];
    }
    FeatureEncoding encoding = encoder.fit(matrix, all);
    ChurnModel model = learner.fit(encoding.encode(matrix, all), labels);
    return new TrainedChurnModel(encoding, model, labels.length, positives);
  }
}
