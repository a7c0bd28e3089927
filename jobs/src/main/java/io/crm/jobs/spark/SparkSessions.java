package io.crm.jobs.spark;

import io.crm.warehouse.NioLocalFileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one Spark session a command uses. Under spark-submit the master and settings come
 * from the submitter; run directly it is local on every core, with the UI off and local files
 * written through {@link NioLocalFileSystem}. Either way the session's artifacts are not isolated.
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
        .config("spark.sql.adaptive.enabled", "true")
        // we add no jars or files to a session; isolating them (Spark 4's default) makes executors
        // ask the driver over RPC for every class name they miss, and compiling generated code
        // looks up many names that exist nowhere
        .config("spark.sql.artifact.isolation.enabled", "false");
    return b.getOrCreate();
  }
}
