package io.crm.etl;

import io.crm.warehouse.SparkSettings;
import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session the tests of this module share within a test JVM (Surefire runs a
 * module's tests in two). Built as a night's session is, on two threads with few shuffle
 * partitions: small data, fast tests.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSettings.local(SparkSession.builder().appName("crm-etl-tests"), "local[2]")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .getOrCreate();
    }
    return session;
  }
}
