package io.crm.jobs.spark;

import io.crm.warehouse.NioLocalFileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one Spark session a command uses. Under spark-submit the master and settings come
 * from the submitter; run directly it is local on every core, with the UI off and local files
 * written through {@link NioLocalFileSystem}.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (System.getProperty("spark.master") == null) {
      b.master("local[*]")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "8")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
    }
    b.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .config("spark.sql.adaptive.enabled", "true");
    return b.getOrCreate();
  }
}
