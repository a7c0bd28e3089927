package io.crm.analytics.segments;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * RFM scores 1-5 by quintile of buyers. A score is {@code 1 + floor(5 * percent_rank)}: customers
 * with equal values always get equal scores (ties never split by an arbitrary order), so the
 * result does not depend on row order. With many ties (most customers bought once) some scores
 * stay empty; that is the honest reading of the data.
 */
final class RfmScores {
  private RfmScores() {}

  /** Adds r_score, f_score, m_score (null for customers without a purchase) and rfm_segment. */
  static Dataset<Row> score(Dataset<Row> features, SegmentParams params) {
    Column isBuyer = col("orders").gt(0);
    Dataset<Row> buyers = features.filter(isBuyer);
    Dataset<Row> others = features.filter(isBuyer.unary_$bang());
    Dataset<Row> scored =
        buyers
            .withColumn("r_score", quintile(col("recency_days").desc()))
            .withColumn("f_score", quintile(col("purchase_days").asc()))
            .withColumn("m_score", quintile(col("monetary_total").asc()));
    scored = scored.withColumn("rfm_segment", segmentExpression(params));
    Dataset<Row> unscored =
        others
            .withColumn("r_score", lit(null).cast("int"))
            .withColumn("f_score", lit(null).cast("int"))
            .withColumn("m_score", lit(null).cast("int"))
            .withColumn("rfm_segment", lit(null).cast("string"));
    return scored.unionByName(unscored);
  }

  private static Column quintile(Column order) {
    Column rank = percent_rank().over(Window.orderBy(order));
    return least(lit(5), lit(1).plus(floor(rank.multiply(5)))).cast("int");
  }

  /** The grid of {@link SegmentParams#rfmGrid()} as one CASE expression. */
  private static Column segmentExpression(SegmentParams params) {
    Column fm = floor(col("f_score").plus(col("m_score")).plus(1).divide(2));
    Column expr = null;
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        Column cond = col("r_score").equalTo(r).and(fm.equalTo(f));
        String name = params.rfmGrid().get(5 - r).get(f - 1);
        expr = expr == null ? when(cond, name) : expr.when(cond, name);
      }
    }
    return expr;
  }
}
