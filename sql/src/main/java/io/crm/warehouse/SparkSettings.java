package io.crm.warehouse;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings our sessions share, written once: the command line's session and the test
 * sessions of every module are built from them, so what the tests run is what a night runs.
 */
public final class SparkSettings {
  private SparkSettings() {}

  /**
   * What every session of ours needs, local or submitted: instants in UTC, overwrites that replace
   * only the partitions written, adaptive execution, and no artifact isolation (we add no jars or
   * files to a session; isolating them, Spark 4's default, makes executors ask the driver over RPC
   * for every class name they miss, and compiling generated code looks up many names that exist
   * nowhere).
   *
   * <p>Two settings cut what a night pays per query and per file rather than per row. The cache of
   * compiled generated code holds 2,000 classes instead of 100: a night runs a few hundred distinct
   * queries, so with 100 it compiled the same code again every night in one JVM (the tests', the
   * scheduler's) and often within one night. Parquet reads column chunks one after another instead
   * of as vectored reads: on the checksummed local file system each vectored read completes on
   * Java's common pool, which on a 2-core machine starts a new thread per read (about 300 a small
   * night). Together, three small nightlies in one JVM took 25 % less CPU.
   */
  public static SparkSession.Builder common(SparkSession.Builder builder) {
    return builder
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.artifact.isolation.enabled", "false")
        .config("spark.sql.codegen.cache.maxEntries", "2000")
        .config("spark.hadoop.parquet.hadoop.vectored.io.enabled", "false");
  }

  /**
   * A session in this JVM ({@code master} such as {@code local[*]}): no UI, the driver on the
   * loopback address, local files written through {@link NioLocalFileSystem} (no chmod process
   * per directory written).
   */
  public static SparkSession.Builder local(SparkSession.Builder builder, String master) {
    return common(builder)
        .master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
  }
}
