package io.crm.etl;

import io.crm.warehouse.NioLocalFileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session the tests of this module share within a test JVM (Surefire runs a
 * module's tests in two). Two threads, no UI, few shuffle partitions: small data, fast tests.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSession.builder()
              .appName("crm-etl-tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.driver.host", "127.0.0.1")
              // as the command line's session: no chmod process per directory written
              .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName())
              .getOrCreate();
    }
    return session;
  }
}
