package io.crm.analytics.churn;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.crm.analytics.clv.ClvStep;
import io.crm.analytics.clv.ModelFitException;
import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.warehouse.SilverTables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import io.crm.analytics.warehouse.Purchases;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The churn model's inputs for one cutoff date: customer_features as of the cutoff, BG/NBD
 * P(alive) and expected purchases from the CLV step fitted on the same data, and a few derived
 * ratios, for the population the label is defined on (customers with a purchase ({@link Purchases})
 * in the {@code activeDays} days up to and including the cutoff). Everything is computed from
 * data dated on or before the cutoff, so training at a past cutoff cannot see its labels.
 */
public final class ChurnFeatures {
  /** Numeric model inputs, in order. */
  public static final List<String> NUMERIC = List.of(
      "recency_days", "tenure_days", "orders", "purchase_days", "monetary_total", "monetary_avg",
      "revenue_90d", "revenue_prev_90d", "revenue_trend", "ipt_mean_days", "ipt_sd_days", "ipt_max_days",
      "last_gap_days", "orders_with_returns", "returned_amount", "return_share", "categories_bought",
      "sessions", "sessions_30d", "page_views", "converted_sessions", "non_converting_share",
      "last_csat", "last_nps", "avg_csat", "survey_responses", "newsletter_opt_in", "p_alive", "expected_purchases");
  /** Categorical model inputs, in order. */
  public static final List<String> CATEGORICAL = List.of("customer_type", "country");

  private final SilverTables silver;
  private final CustomerFeatures features;
  private final ClvStep clv;
  private final int activeDays;

  public ChurnFeatures(SilverTables silver, CustomerFeatures features, ClvStep clv, int activeDays) {
    this.silver = silver;
    this.features = features;
    this.clv = clv;
    this.activeDays = activeDays;
  }

  /**
   * One row per customer of the population at {@code cutoff}: customer_key, the {@link #NUMERIC}
   * and {@link #CATEGORICAL} columns. {@code notes} receives a sentence when P(alive) is not
   * available (the CLV fit failed on this data; the cause is kept) and the column is left empty.
   */
  public Dataset<Row> build(LocalDate cutoff, List<String> notes) {
    Dataset<Row> f = features.compute(cutoff);
    Dataset<Row> population = active(cutoff);
    Dataset<Row> clvRows;
    try {
      clvRows = clv.compute(cutoff).select(col("customer_key"), col("p_alive"), col("expected_purchases"));
      clvRows.cache().count();
    } catch (ModelFitException e) {
      notes.add("P(alive) not available at " + cutoff + ": " + e.getMessage());
      clvRows = null;
    }
    Dataset<Row> joined = f.join(population, "customer_key");
    if (clvRows != null) {
      joined = joined.join(clvRows, scalaSeq("customer_key"), "left");
    } else {
      joined = joined.withColumn("p_alive", lit(null).cast("double")).withColumn("expected_purchases", lit(null).cast("double"));
    }
    List<Column> cols = new ArrayList<>();
    cols.add(col("customer_key"));
    for (String n : NUMERIC) {
      cols.add(numeric(n).alias(n));
    }
    for (String c : CATEGORICAL) {
      cols.add(col(c).cast("string").alias(c));
    }
    return joined.select(cols.toArray(Column[]::new));
  }

  /** customer_key of everyone with a purchase in (cutoff − activeDays, cutoff]. */
  public Dataset<Row> active(LocalDate cutoff) {
    Date end = Date.valueOf(cutoff);
    return silver.table("orders")
        .filter(Purchases.isPurchase()
            .and(col("order_date").leq(lit(end)))
            .and(col("order_date").gt(date_sub(lit(end), activeDays))))
        .select("customer_key").distinct();
  }

  private static Column numeric(String name) {
    return switch (name) {
      case "revenue_trend" -> col("revenue_90d").minus(col("revenue_prev_90d")).cast("double");
      case "return_share" -> when(col("monetary_total").plus(col("returned_amount")).gt(0),
          col("returned_amount").divide(col("monetary_total").plus(col("returned_amount")))).cast("double");
      case "non_converting_share" -> when(col("sessions").gt(0),
          col("sessions").minus(col("converted_sessions")).divide(col("sessions"))).cast("double");
      case "newsletter_opt_in" -> when(col("is_newsletter_opt_in"), 1.0).otherwise(0.0);
      default -> col(name).cast("double");
    };
  }

  private static scala.collection.immutable.Seq<String> scalaSeq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
  }

  /** Collected rows as a {@link FeatureMatrix} (nulls become missing values). */
  public static FeatureMatrix matrix(List<Row> rows) {
    FeatureMatrix.Builder b = FeatureMatrix.builder();
    for (String n : NUMERIC) {
      double[] v = new double[rows.size()];
      for (int i = 0; i < v.length; i++) {
        Row r = rows.get(i);
        int k = r.fieldIndex(n);
        v[i] = r.isNullAt(k) ? Double.NaN : r.getDouble(k);
      }
      b.numeric(n, v);
    }
    for (String c : CATEGORICAL) {
      String[] v = new String[rows.size()];
      for (int i = 0; i < v.length; i++) {
        Row r = rows.get(i);
        v[i] = r.getString(r.fieldIndex(c));
      }
      b.categorical(c, v);
    }
    return b.build();
  }

  /** One collected or streamed row as the raw values a {@link TrainedChurnModel} expects. */
  public static Object[] raw(Row r, List<String> inputNames) {
    Object[] raw = new Object[inputNames.size()];
    for (int j = 0; j < raw.length; j++) {
      int k = r.fieldIndex(inputNames.get(j));
      raw[j] = r.isNullAt(k) ? null : r.get(k);
    }
    return raw;
  }
}
