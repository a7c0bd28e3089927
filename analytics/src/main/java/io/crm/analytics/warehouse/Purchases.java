package io.crm.analytics.warehouse;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * Which silver orders are purchases: not cancelled, of a known customer, with a positive net
 * amount. The same rule as silver {@code orders.is_purchase} and {@code customer_features.sql},
 * written out here because gold steps also run on silver tables written before that column
 * existed. An order of returns only is no purchase day for CLV, churn labels or lifecycle.
 */
public final class Purchases {
  private Purchases() {}

  /** True for a silver orders row that is a purchase. */
  public static Column isPurchase() {
    return coalesce(col("status"), lit("")).notEqual("cancelled")
        .and(col("customer_id").isNotNull())
        .and(coalesce(col("net_amount"), lit(0)).gt(0));
  }
}
