package io.crm.etl.conform;

import static org.apache.spark.sql.functions.col;

import io.crm.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the silver tables of one conform run as new table versions. Nothing is visible to other
 * processes until {@link #publish()} has staged them all and the caller commits the warehouse, so
 * readers see the previous silver or the new one as a whole. Intermediate results go to the
 * run's scratch folder, which {@link #removeWork()} deletes.
 */
public final class SilverWriter {
  static final String SCRATCH_PREFIX = "conform-";

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final String runId;
  private final Map<String, Long> rows = new LinkedHashMap<>();
  private final Map<String, String> written = new LinkedHashMap<>();

  public SilverWriter(SparkSession spark, Warehouse warehouse, String runId) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.runId = runId;
  }

  /**
   * Writes a table as a new version and returns it read back from there, so later models start
   * from the written files instead of recomputing it. A fact table names its date column
   * ({@code sortColumn}): its rows are written sorted by it, so each file and row group covers a
   * range of days and readers skip the others by the Parquet statistics. Fact tables are not
   * split into one folder per day: two years of history made thousands of tiny files per run,
   * which cost more than all the rows in them on small and middle-sized shops.
   */
  public Dataset<Row> write(String table, Dataset<Row> df, String sortColumn) {
    String path = warehouse.newSilverVersion(table);
    (sortColumn == null ? df : df.orderBy(col(sortColumn))).write().mode(SaveMode.Overwrite).parquet(path);
    Dataset<Row> back = spark.read().schema(df.schema()).parquet(path);
    long n = back.count();
    rows.put(table, n);
    written.put(table, path);
    return back;
  }

  /**
   * Writes an intermediate result that several models read (cheaper than recomputing it or
   * caching it in memory) and returns it read back; it is never published.
   */
  public Dataset<Row> writeWork(String name, Dataset<Row> df) {
    String path = workRoot() + "/" + name;
    df.write().mode(SaveMode.Overwrite).parquet(path);
    return spark.read().schema(df.schema()).parquet(path);
  }

  /** Removes this run's intermediate results (after publishing or after a failure). */
  public void removeWork() {
    warehouse.removeScratch(SCRATCH_PREFIX + runId);
  }

  /** Rows written per table so far, in write order. */
  public Map<String, Long> rows() {
    return Collections.unmodifiableMap(rows);
  }

  /** Stages every written table in the warehouse; the caller's commit makes them current together. */
  public void publish() {
    written.forEach(warehouse::stageSilver);
  }

  /** Removes scratch folders that earlier, killed conform runs left behind (the caller holds the lock). */
  public void removeStaleWork() {
    try {
      Path scratch = new Path(warehouse.scratchRoot());
      FileSystem fs = scratch.getFileSystem(warehouse.hadoopConf());
      if (!fs.exists(scratch)) {
        return;
      }
      for (FileStatus s : fs.listStatus(scratch)) {
        if (s.getPath().getName().startsWith(SCRATCH_PREFIX)) {
          fs.delete(s.getPath(), true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + warehouse.scratchRoot(), e);
    }
  }

  private String workRoot() {
    return warehouse.scratch(SCRATCH_PREFIX + runId);
  }
}
