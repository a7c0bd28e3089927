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
}
