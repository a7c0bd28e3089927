package io.crm.analytics.segments;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * Lifecycle stage from recency and history: prospect (known, never bought), new, active,
 * reactivated (came back after a gap longer than the at-risk threshold), at risk, lapsed, lost.
 */
final class LifecycleStages {
  static final String PROSPECT = "prospect";
  static final String NEW = "new";
  static final String ACTIVE = "active";
  static final String REACTIVATED = "reactivated";
  static final String AT_RISK = "at risk";
  static final String LAPSED = "lapsed";
  static final String LOST = "lost";

  private LifecycleStages() {}

  static Column stage(SegmentParams p) {
    Column recency = col("recency_days");
    Column firstPurchaseAge = datediff(col("as_of_date"), col("first_order_date"));
    return when(col("orders").equalTo(0), PROSPECT)
        .when(firstPurchaseAge.leq(p.newDays()), NEW)
        .when(recency.leq(p.activeDays()).and(col("last_gap_days").gt(p.atRiskDays())), REACTIVATED)
        .when(recency.leq(p.activeDays()), ACTIVE)
        .when(recency.leq(p.atRiskDays()), AT_RISK)
        .when(recency.leq(p.lapsedDays()), LAPSED)
        .otherwise(LOST);
  }
}
