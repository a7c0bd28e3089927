package io.crm.analytics.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Read access to the silver layer: the only way analytics sees what etl produced. Registers the
 * tables as temporary views {@code silver_<table>} for the SQL models in sql/gold.
 */
public final class SilverTables {
  private final SparkSession spark;
  private final String root;

  public SilverTables(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root;
  }

  public Dataset<Row> table(String name) {
    String path = root + "/" + name;
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw new IllegalArgumentException("silver table " + name + " is missing at " + path + " (run `crm conform` first)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return spark.read().parquet(path);
  }

  /** Registers {@code silver_<name>} views for each table. */
  public void registerViews(String... names) {
    for (String name : names) {
      table(name).createOrReplaceTempView("silver_" + name);
    }
  }
}
