package io.crm.jobs.spark;

import io.crm.warehouse.SparkSettings;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one Spark session a command uses. Under spark-submit the master and settings come
 * from the submitter; run directly it is local on every core ({@link SparkSettings#local}). Either
 * way it has {@link SparkSettings#common}.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (System.getProperty("spark.master") == null) {
      return SparkSettings.local(b, "local[*]").config("spark.sql.shuffle.partitions", "8").getOrCreate();
    }
    return SparkSettings.common(b).getOrCreate();
  }
}
