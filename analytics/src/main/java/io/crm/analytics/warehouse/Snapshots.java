package io.crm.analytics.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Gold tables are kept as one folder per as_of date ({@code <table>/as_of_date=YYYY-MM-DD}), so
 * Spark and DuckDB read the history as one partitioned table. A snapshot is written next to its
 * final place and renamed into it, so readers never see half a snapshot; the rename goes through
 * Hadoop's FileSystem, so the same code serves file://, hdfs:// and s3a:// roots.
 */
public final class Snapshots {
  private static final String PARTITION = "as_of_date=";

  private final SparkSession spark;
  private final String root;

  public Snapshots(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root;
  }

  /** Writes {@code data} as the snapshot of {@code table} for {@code asOf}, replacing an older one. */
  public String publish(Dataset<Row> data, String table, LocalDate asOf) {
    Path target = new Path(root + "/" + table + "/" + PARTITION + asOf);
    Path staging = new Path(root + "/" + table + "/_staging-" + UUID.randomUUID());
    data.write().mode(SaveMode.ErrorIfExists).parquet(staging.toString());
    try {
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path old = new Path(root + "/" + table + "/_replaced-" + UUID.randomUUID());
      boolean hadOld = fs.exists(target);
      if (hadOld && !fs.rename(target, old)) {
        throw new IOException("cannot move the previous snapshot " + target + " aside");
      }
      if (!fs.rename(staging, target)) {
        if (hadOld) {
          fs.rename(old, target);
        }
        throw new IOException("cannot publish " + staging + " as " + target);
      }
      if (hadOld) {
        fs.delete(old, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target.toString();
  }

  /** One snapshot of a gold table (without the as_of_date column). */
  public Dataset<Row> read(String table, LocalDate asOf) {
    String path = root + "/" + table + "/" + PARTITION + asOf;
    if (!asOfDates(table).contains(asOf)) {
      throw new IllegalArgumentException("no " + table + " snapshot for " + asOf + " under " + root + " (run the step that builds it first)");
    }
    return spark.read().parquet(path);
  }

  /** The as_of dates that have a published snapshot of {@code table}, oldest first. */
  public List<LocalDate> asOfDates(String table) {
    Path dir = new Path(root + "/" + table);
    List<LocalDate> dates = new ArrayList<>();
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        return dates;
      }
      for (FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && name.startsWith(PARTITION)) {
          dates.add(LocalDate.parse(name.substring(PARTITION.length())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dates.sort(null);
    return dates;
  }

  /** The newest snapshot date of {@code table} strictly before {@code asOf}, if any. */
  public Optional<LocalDate> previous(String table, LocalDate asOf) {
    LocalDate best = null;
    for (LocalDate d : asOfDates(table)) {
      if (d.isBefore(asOf)) {
        best = d;
      }
    }
    return Optional.ofNullable(best);
  }
}
