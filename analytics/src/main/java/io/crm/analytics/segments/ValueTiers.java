package io.crm.analytics.segments;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * ABC value tiers by cumulative revenue share: customers sorted by revenue, largest first; those
 * that together make up the first {@code tier_a_share} of revenue are A (the key accounts), up to
 * {@code tier_b_share} B, the rest (and everyone without positive revenue) C. A customer belongs
 * to the tier in which its revenue starts, so the largest customer is always A.
 */
final class ValueTiers {
  private ValueTiers() {}

  static Dataset<Row> assign(Dataset<Row> customers, SegmentParams p) {
    Column value = when(col("monetary_total").gt(0), col("monetary_total")).otherwise(lit(0.0));
    Dataset<Row> withValue = customers.withColumn("_value", value);
    Row totalRow = withValue.agg(sum("_value")).first();
    double total = totalRow.isNullAt(0) ? 0.0 : totalRow.getDouble(0);
    if (total <= 0) {
      return withValue.withColumn("value_tier", lit("C")).drop("_value");
    }
    Column before =
        sum("_value")
            .over(Window.orderBy(col("_value").desc(), col("customer_key")).rowsBetween(Window.unboundedPreceding(), -1));
    Column shareBefore = when(before.isNull(), lit(0.0)).otherwise(before).divide(total);
    return withValue
        .withColumn("_share_before", shareBefore)
        .withColumn(
            "value_tier",
            when(col("_value").leq(0), "C")
                .when(col("_share_before").lt(p.tierAShare()), "A")
                .when(col("_share_before").lt(p.tierBShare()), "B")
                .otherwise("C"))
        .drop("_value", "_share_before");
  }
}
