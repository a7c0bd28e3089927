package io.crm.analytics.features;

import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import io.crm.sql.SqlModels;
import io.crm.warehouse.TableVersions;
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

  /**
   * Computes and publishes the snapshot for {@code asOf}. The rows are counted from the written
   * files' footers: counting the query before writing it would compute it twice or hold all of
   * it in memory.
   */
  public Result run(LocalDate asOf) {
    String path = gold.publish(compute(asOf), TABLE, asOf);
    long rows = TableVersions.read(spark, path).count();
    return new Result(asOf, rows, path);
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
