package io.crm.analytics.warehouse;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * Which silver orders are purchases: of a known customer, not cancelled, and not an order whose
 * returns took back all it sold (returns only, or everything sent back: a returned amount and a
 * net amount of 0 or less). A sale at price 0 with nothing returned is a purchase (CDNOW has
 * such first purchases, and the published figures count them). The
 * same rule as silver {@code orders.is_purchase} and {@code customer_features.sql}, written out
 * here because gold steps also run on silver tables written before that column existed. A
 * returned order is no purchase day for CLV, churn labels or lifecycle.
 */
public final class Purchases {
  private Purchases() {}

  /** True for a silver orders row that is a purchase. */
  public static Column isPurchase() {
    Column allReturned = coalesce(col("returned_amount"), lit(0)).gt(0).and(coalesce(col("net_amount"), lit(0)).leq(0));
    return coalesce(col("status"), lit("")).notEqual("cancelled")
        .and(col("customer_key").isNotNull())
        .and(allReturned.unary_$bang());
  }
}
