package io.crm.analytics.churn;

import java.io.Serializable;

/**
 * A trained churn classifier over encoded feature vectors (see {@link FeatureEncoding}). It is
 * serializable so the nightly job can broadcast it to Spark executors.
 */
public interface ChurnModel extends Serializable {

  /** Estimated probability that the customer churns (the positive class), in [0, 1]. */
  double probability(double[] features);

  /** Short description of the learner and its settings, e.g. {@code logistic(lambda=1.0)}. */
  String description();

  /**
   * How much each encoded feature drives the score: non-negative, larger = more influential. The
   * scale is the learner's own (split gain for trees, |weight| on standardised features for the
   * logistic model), so compare features within one model, not across models.
   */
  double[] importance();
}
