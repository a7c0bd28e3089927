package io.crm.etl.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.crm.etl.bronze.BronzeSchema;
import io.crm.etl.source.SourceKind;
import io.crm.warehouse.DataFiles;
import io.crm.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Lists and reads the bronze Parquet files of a source: the files of the ingest dates up to the
 * as-of date, each row shaped to {@link BronzeSchema} plus its ingest_date. Lazily: nothing is
 * cached, so each model reads only the Parquet columns it needs. Bronze is trusted to hold each
 * source file once (ingest skips files it already loaded and replaces them on {@code --force});
 * duplicates inside the data are removed per table by its natural key (order line content,
 * event_id, response_id, contact state).
 */
public final class BronzeReader {
  private final SparkSession spark;
  private final Warehouse warehouse;
  private final LocalDate asOf;

  public BronzeReader(SparkSession spark, Warehouse warehouse, LocalDate asOf) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.asOf = asOf;
  }

  /**
   * The Parquet files of a source's bronze table that this reader reads (those of the ingest
   * dates up to the as-of date), as path relative to the table folder -> length in bytes.
   * Ingest adds a night's rows as new files (copying the old files of an ingest-date folder it
   * loads into again unchanged), so a file that is still there with its length holds the same rows.
   */
  public Map<String, Long> files(String source) {
    Map<String, Long> out = new TreeMap<>();
    Path table = new Path(warehouse.bronze(source));
    try {
      FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
      String prefix = fs.makeQualified(table).toUri().getPath() + "/";
      for (LocatedFileStatus f : DataFiles.under(fs, table)) {
        String relative = f.getPath().toUri().getPath().substring(prefix.length());
        if (isAsOf(relative)) {
          out.put(relative, f.getLen());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list bronze table " + table, e);
    }
  }

  /** Bronze rows of one source's given files (paths as {@link #files} gives them). */
  public Dataset<Row> readFiles(SourceKind kind, String source, List<String> files) {
    StructType schema = schema(kind);
    if (files.isEmpty()) {
      return empty(kind);
    }
    String table = warehouse.bronze(source);
    String[] paths = files.stream().map(f -> table + "/" + f).toArray(String[]::new);
    // basePath keeps ingest_date a column, as when the whole table is read
    return shape(spark.read().option("basePath", table).parquet(paths), schema, source);
  }

  /** No bronze rows, in the shape of the kind. */
  public Dataset<Row> empty(SourceKind kind) {
    return spark.createDataFrame(new ArrayList<Row>(), schema(kind));
  }

  /** The bronze contract of a kind plus the ingest date its partition folder gives each row. */
  static StructType schema(SourceKind kind) {
    return BronzeSchema.of(kind).add(BronzeSchema.PARTITION, DataTypes.DateType, true);
  }

  /** Whether a file (relative path) is in an ingest-date folder this reader reads. */
  private boolean isAsOf(String relative) {
    for (String segment : relative.split("/")) {
      if (asOf != null && segment.startsWith(BronzeSchema.PARTITION + "=")) {
        return !LocalDate.parse(segment.substring(BronzeSchema.PARTITION.length() + 1)).isAfter(asOf);
      }
    }
    return true;
  }

  private Dataset<Row> shape(Dataset<Row> raw, StructType schema, String source) {
    Set<String> present = new HashSet<>(Arrays.asList(raw.columns()));
    Dataset<Row> df = raw;
    if (present.contains("ingest_date") && asOf != null) {
      df = df.where(col("ingest_date").cast("date").leq(lit(java.sql.Date.valueOf(asOf))));
    }
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c;
      if (present.contains(f.name())) {
        c = col(f.name()).cast(f.dataType());
      } else if (f.name().equals("_source")) {
        c = lit(source);
      } else {
        c = lit(null).cast(f.dataType());
      }
      cols.add(c.as(f.name()));
    }
    return df.select(cols.toArray(new Column[0]));
  }
}
