package io.crm.analytics.features;

import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import io.crm.sql.SqlModels;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds gold {@code customer_features}: one row per customer as of a date, from the silver
 * tables and only from what happened on or before that date (sql/gold/customer_features.sql).
 */
public final class CustomerFeatures {
  public static final String TABLE = "customer_features";

  private final SparkSession spark;
  private final SilverTables silver;
  private final Snapshots gold;

  public CustomerFeatures(SparkSession spark, SilverTables silver, Snapshots gold) {
    this.spark = spark;
    this.silver = silver;
    this.gold = gold;
  }

  /** Computes and publishes the snapshot for {@code asOf}. */
  public Result run(LocalDate asOf) {
    Dataset<Row> features = compute(asOf).cache();
    try {
      long rows = features.count();
      String path = gold.publish(features, TABLE, asOf);
      return new Result(asOf, rows, path);
    } finally {
      features.unpersist();
    }
  }

  /** The features as of a date without publishing them (churn training uses past cutoffs). */
  public Dataset<Row> compute(LocalDate asOf) {
    if (asOf == null) {
      throw new IllegalArgumentException("as_of date is required");
    }
    silver.registerViews("customers", "orders", "order_lines", "sessions", "survey_responses", "contacts");
    return spark.sql(SqlModels.load("gold", TABLE), Map.of("as_of", asOf));
  }

  /** What a run produced. */
  public record Result(LocalDate asOf, long customers, String path) {}
}
