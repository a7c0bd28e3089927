package io.crm.analytics.segments;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.warehouse.Snapshots;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds gold {@code segments} for one as_of date from that date's customer_features: RFM scores
 * and named segment, lifecycle stage, value tier and behavioural cluster per customer; and gold
 * {@code segment_migration}, the matrix of RFM segment moves since the previous snapshot.
 */
public final class Segmentation {
  public static final String TABLE = "segments";
  public static final String MIGRATION_TABLE = "segment_migration";
  /** Segment name for customers without a purchase (they have no RFM scores). */
  public static final String NO_PURCHASE = "(no purchase)";
  /** Origin of customers who were not in the previous snapshot. */
  public static final String NOT_KNOWN = "(not known)";

  private final Snapshots gold;
  private final SegmentParams params;

  public Segmentation(Snapshots gold, SegmentParams params) {
    this.gold = gold;
    this.params = params;
  }

  public Result run(LocalDate asOf) {
    Dataset<Row> features = gold.read(CustomerFeatures.TABLE, asOf);
    Dataset<Row> scored = RfmScores.score(features, params);
    scored = ValueTiers.assign(scored, params);
    scored = scored.withColumn("lifecycle_stage", LifecycleStages.stage(params));
    BehaviouralClusters.Model model = BehaviouralClusters.fit(scored.filter(col("orders").gt(0)), params);
    scored = BehaviouralClusters.assign(scored, model);
    Dataset<Row> segments =
        scored
            .select(
                col("customer_key"), col("as_of_date"), col("customer_type"), col("country"),
                col("r_score"), col("f_score"), col("m_score"), col("rfm_segment"),
                col("lifecycle_stage"), col("value_tier"), col("cluster"), col("cluster_label"),
                col("recency_days"), col("purchase_days"), col("monetary_total"), col("is_newsletter_opt_in"))
            .cache();
    try {
      String path = gold.publish(segments, TABLE, asOf);
      Map<String, Long> bySegment = counts(segments, coalesce(col("rfm_segment"), lit(NO_PURCHASE)));
      Map<String, Long> byStage = counts(segments, col("lifecycle_stage"));
      Map<String, Long> byTier = counts(segments, col("value_tier"));
      Map<String, Long> byCluster = counts(segments, coalesce(col("cluster_label"), lit(NO_PURCHASE)));

      Optional<LocalDate> previous = gold.previous(TABLE, asOf);
      List<Migration> migration = List.of();
      if (previous.isPresent()) {
        Dataset<Row> matrix = migration(gold.read(TABLE, previous.get()), segments);
        gold.publish(matrix, MIGRATION_TABLE, asOf);
        migration = matrix.collectAsList().stream()
            .map(r -> new Migration(r.getString(0), r.getString(1), r.getLong(2)))
            .toList();
      }
      return new Result(asOf, segments.count(), path, bySegment, byStage, byTier, byCluster,
          model == null ? 0 : model.k(), model == null ? Double.NaN : model.silhouette(),
          previous.orElse(null), migration);
    } finally {
      segments.unpersist();
    }
  }

  private static Dataset<Row> migration(Dataset<Row> before, Dataset<Row> now) {
    if (!java.util.Arrays.asList(before.columns()).contains("customer_key")) {
      // a snapshot from before pseudonymous keys names customers by id, which no key matches:
      // everyone of the new snapshot then comes from "not known"
      before = now.sparkSession().createDataFrame(java.util.List.of(), now.select(col("customer_key"), col("rfm_segment")).schema());
    }
    Dataset<Row> b = before.select(col("customer_key"), coalesce(col("rfm_segment"), lit(NO_PURCHASE)).alias("from_segment"));
    Dataset<Row> a = now.select(col("customer_key"), coalesce(col("rfm_segment"), lit(NO_PURCHASE)).alias("to_segment"));
    return a.join(b, a.col("customer_key").equalTo(b.col("customer_key")), "left")
        .select(coalesce(col("from_segment"), lit(NOT_KNOWN)).alias("from_segment"), col("to_segment"))
        .groupBy("from_segment", "to_segment")
        .agg(count(lit(1)).alias("customers"))
        .orderBy("from_segment", "to_segment");
  }

  private static Map<String, Long> counts(Dataset<Row> data, org.apache.spark.sql.Column key) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Row r : data.groupBy(key.alias("k")).count().orderBy(col("count").desc(), col("k")).collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  /** One cell of the migration matrix. */
  public record Migration(String fromSegment, String toSegment, long customers) {}

  /** What a run produced. */
  public record Result(
      LocalDate asOf,
      long customers,
      String path,
      Map<String, Long> bySegment,
      Map<String, Long> byLifecycleStage,
      Map<String, Long> byValueTier,
      Map<String, Long> byCluster,
      int clusters,
      double silhouette,
      LocalDate previousAsOf,
      List<Migration> migration) {}
}
