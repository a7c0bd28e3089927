package io.crm.analytics.churn;

import java.io.Serializable;
import java.util.Map;

/**
 * Business parameters of the nightly churn model, the {@code churn:} section of crm.yaml.
 *
 * <pre>
 * churn:
 *   active_days: 365        # W: a customer is in the population if they bought in the W days up to the cutoff
 *   horizon_days: 90        # H: churned = no purchase in the H days after the cutoff; training cutoff = as_of - H
 *   retrain_days: 7         # scoring retrains when the newest model is this many days old (or there is none)
 *   folds: 5                # stratified cross-validation folds used to pick and evaluate the learner
 *   cv_max_rows: 100000     # cross-validate on a stratified sample of at most this many customers
 *   seed: 42                # seed of folds and learners
 *   risk_bands: {medium: 0.3, high: 0.6}   # churn_probability &lt; medium: Low; &lt; high: Medium; else High
 * </pre>
 */
public record ChurnParams(int activeDays, int horizonDays, int retrainDays, int folds, long seed,
    double mediumFrom, double highFrom, int cvMaxRows) implements Serializable {

  /** Fewer rows than this make the folds' metrics too noisy to pick a learner by. */
  public static final int MIN_CV_ROWS = 1000;

  public ChurnParams {
    if (activeDays < 1 || horizonDays < 1) {
      throw new IllegalArgumentException("churn.active_days and churn.horizon_days must be >= 1, got "
          + activeDays + " and " + horizonDays);
    }
    if (retrainDays < 1) {
      throw new IllegalArgumentException("churn.retrain_days must be >= 1, got " + retrainDays);
    }
    if (folds < 2) {
      throw new IllegalArgumentException("churn.folds must be >= 2, got " + folds);
    }
    if (cvMaxRows < MIN_CV_ROWS) {
      throw new IllegalArgumentException("churn.cv_max_rows must be >= " + MIN_CV_ROWS + ", got " + cvMaxRows);
    }
    if (!(0 < mediumFrom && mediumFrom < highFrom && highFrom < 1)) {
      throw new IllegalArgumentException("churn.risk_bands must satisfy 0 < medium < high < 1, got medium="
          + mediumFrom + ", high=" + highFrom);
    }
  }

  public static ChurnParams defaults() {
    return fromMap(Map.of());
  }

  /** Reads the {@code churn:} section; absent keys take their defaults. */
  public static ChurnParams fromMap(Map<String, Object> section) {
    Object bands = section.get("risk_bands");
    Map<?, ?> b = Map.of();
    if (bands != null) {
      if (!(bands instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("churn.risk_bands must be a mapping like {medium: 0.3, high: 0.6}, got '" + bands + "'");
      }
      b = m;
    }
    return new ChurnParams(
        whole(section.get("active_days"), 365, "churn.active_days"),
        whole(section.get("horizon_days"), 90, "churn.horizon_days"),
        whole(section.get("retrain_days"), 7, "churn.retrain_days"),
        whole(section.get("folds"), 5, "churn.folds"),
        whole(section.get("seed"), 42, "churn.seed"),
        number(b.get("medium"), 0.3, "churn.risk_bands.medium"),
        number(b.get("high"), 0.6, "churn.risk_bands.high"),
        whole(section.get("cv_max_rows"), 100_000, "churn.cv_max_rows"));
  }

  /** Low, Medium or High for a churn probability. */
  public String riskBand(double probability) {
    return probability >= highFrom ? "High" : probability >= mediumFrom ? "Medium" : "Low";
  }

  private static int whole(Object v, int fallback, String path) {
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException(path + " must be a whole number, got '" + v + "'");
  }

  private static double number(Object v, double fallback, String path) {
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(path + " must be a number, got '" + v + "'");
  }
}
