package io.crm.analytics.churn;

import java.util.List;

/** The learners every churn evaluation compares, simplest first (ties go to it). */
public final class ChurnLearners {

  /** L2 penalty of the logistic baseline on standardised features. */
  public static final double LOGISTIC_LAMBDA = 1.0;

  private ChurnLearners() {}

  public static List<ChurnLearner> defaults(long seed) {
    return List.of(
        new LogisticLearner(LOGISTIC_LAMBDA),
        new GradientBoostingLearner(GradientBoostingLearner.Settings.defaults(seed)));
  }
}
