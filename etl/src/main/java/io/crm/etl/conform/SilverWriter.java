package io.crm.etl.conform;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the silver tables of one conform run so that readers never see a half-written table:
 * every table goes to {@code <silver>/_staging/<run>/<table>} first, and only when all tables
 * are written does {@link #publish()} move them into place, one directory rename per table (the
 * previous version is renamed aside and deleted afterwards). A failed run leaves the previous
 * silver untouched; its staging folder is removed by the next run.
 */
public final class SilverWriter {
  static final String STAGING = "_staging";

  private final SparkSession spark;
  private final String silverRoot;
  private final String runId;
  private final Map<String, Long> rows = new LinkedHashMap<>();

  public SilverWriter(SparkSession spark, String silverRoot, String runId) {
    this.spark = spark;
    this.silverRoot = BronzeReader.stripSlash(silverRoot);
    this.runId = runId;
  }

  /**
   * Writes a table to the staging area, partitioned by the given date column (if any), and
   * returns it read back from there, so later models start from the written files instead of
   * recomputing it.
   */
  public Dataset<Row> write(String table, Dataset<Row> df, String partitionColumn) {
    String path = stagingPath(table);
    if (partitionColumn == null) {
      df.write().mode(SaveMode.Overwrite).parquet(path);
    } else {
      // one task per date, so each partition folder gets one file rather than one per task
      df.repartition(col(partitionColumn)).write().mode(SaveMode.Overwrite).partitionBy(partitionColumn).parquet(path);
    }
    Dataset<Row> written = spark.read().schema(df.schema()).parquet(path);
    long n = written.count();
    if (n == 0 && partitionColumn != null) {
      // an empty partitioned write leaves no Parquet file, and readers could not infer a schema
      df.select(columnsOf(df)).write().mode(SaveMode.Overwrite).parquet(path);
      written = spark.read().schema(df.schema()).parquet(path);
    }
    rows.put(table, n);
    return written;
  }

  /**
   * Writes an intermediate result that several models read (cheaper than recomputing it or
   * caching it in memory) and returns it read back; it is never published.
   */
  public Dataset<Row> writeWork(String name, Dataset<Row> df) {
    String path = runRoot() + "/_work/" + name;
    df.write().mode(SaveMode.Overwrite).parquet(path);
    return spark.read().schema(df.schema()).parquet(path);
  }

  /** Removes this run's intermediate results (after publishing or after a failure). */
  public void removeWork() {
    try {
      Path work = new Path(runRoot() + "/_work");
      FileSystem fs = fs();
      if (fs.exists(work)) {
        fs.delete(work, true);
      }
      Path run = new Path(runRoot());
      if (fs.exists(run) && fs.listStatus(run).length == 0) {
        fs.delete(run, false);
      }
      Path staging = new Path(silverRoot + "/" + STAGING);
      if (fs.exists(staging) && fs.listStatus(staging).length == 0) {
        fs.delete(staging, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the work files of silver run " + runId, e);
    }
  }

  /** Rows written per table so far, in write order. */
  public Map<String, Long> rows() {
    return Collections.unmodifiableMap(rows);
  }

  /** Moves every staged table into {@code <silver>/<table>} and removes the staging folder. */
  public void publish() {
    try {
      FileSystem fs = fs();
      for (String table : rows.keySet()) {
        Path target = new Path(silverRoot + "/" + table);
        Path staged = new Path(stagingPath(table));
        Path old = new Path(runRoot() + "/_previous_" + table);
        if (fs.exists(target) && !fs.rename(target, old)) {
          throw new IOException("could not move " + target + " aside to " + old);
        }
        if (!fs.rename(staged, target)) {
          throw new IOException("could not move " + staged + " to " + target);
        }
      }
      fs.delete(new Path(runRoot()), true);
      Path staging = new Path(silverRoot + "/" + STAGING);
      if (fs.exists(staging) && fs.listStatus(staging).length == 0) {
        fs.delete(staging, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish silver run " + runId + " under " + silverRoot, e);
    }
  }

  /** Removes staging folders that earlier, failed runs left behind. */
  public void removeStaleStaging() {
    try {
      Path staging = new Path(silverRoot + "/" + STAGING);
      FileSystem fs = fs();
      if (fs.exists(staging)) {
        fs.delete(staging, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + silverRoot + "/" + STAGING, e);
    }
  }

  private String runRoot() {
    return silverRoot + "/" + STAGING + "/" + runId;
  }

  private String stagingPath(String table) {
    return runRoot() + "/" + table;
  }

  private FileSystem fs() throws IOException {
    Path root = new Path(silverRoot);
    return root.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  private static Column[] columnsOf(Dataset<Row> df) {
    String[] names = df.columns();
    Column[] cols = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      cols[i] = col(names[i]);
    }
    return cols;
  }
}
