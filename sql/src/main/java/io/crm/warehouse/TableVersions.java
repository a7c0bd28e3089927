package io.crm.warehouse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a published version of a table: a silver version folder or a gold snapshot, as the
 * manifest names it. Such a folder is never written again once published, so its schema is taken
 * from a Parquet footer once per process and handed to every later read of it: a read without a
 * schema runs a one-task Spark job to find the footer, and a small nightly read the same few
 * versions about forty times (the churn step alone read sessions seventeen times).
 */
public final class TableVersions {
  private static final int REMEMBERED = 4096;
  private static final Map<String, StructType> SCHEMAS = Collections.synchronizedMap(
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StructType> eldest) {
          return size() > REMEMBERED;
        }
      });

  private TableVersions() {}

  /** The rows of the published version at {@code path}. */
  public static Dataset<Row> read(SparkSession spark, String path) {
    StructType schema = SCHEMAS.get(path);
    if (schema != null) {
      return spark.read().schema(schema).parquet(path);
    }
    Dataset<Row> rows = spark.read().parquet(path);
    SCHEMAS.put(path, rows.schema());
    return rows;
  }

  /** The current (or, in this process, staged) version of a silver table; null when there is none. */
  public static Dataset<Row> silver(SparkSession spark, Warehouse warehouse, String table) {
    return warehouse.silver(table).map(p -> read(spark, p)).orElse(null);
  }
}
