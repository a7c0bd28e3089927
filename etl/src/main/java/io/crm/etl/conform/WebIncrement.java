package io.crm.etl.conform;

import io.crm.etl.source.SourceKind;
import io.crm.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which web traffic a conform run must cut into sessions: all of it (a full refresh) or only the
 * bronze files that arrived since the last run, whose visitors are then cut again from the hits
 * silver.session_hits already holds. The bronze Parquet files a run consumed (path and length)
 * are kept in silver.session_hit_files, published with the sessions they produced; the next run
 * compares them with a listing of bronze, which costs no Spark job. A file that is gone or has
 * another length (its ingest-date folder loaded again or `crm ingest --force`, an erasure, a
 * smaller --ingested-until) means silver no longer matches bronze, and the run refreshes in full
 * instead of patching.
 */
final class WebIncrement {
  static final String FILES_TABLE = "session_hit_files";
  static final String HITS_TABLE = "session_hits";
  /**
   * The shape of session_hits, sessions and page_views: raised whenever a model changes their
   * columns, so that the first run of a new version rebuilds them instead of mixing shapes.
   */
  static final int LAYOUT = 2;
  static final StructType FILES_SCHEMA = new StructType()
      .add("source", DataTypes.StringType, false)
      .add("file", DataTypes.StringType, false)
      .add("bytes", DataTypes.LongType, false)
      .add("layout", DataTypes.IntegerType, false);

  private final BronzeReader reader;
  private final Map<SourceKind, List<String>> sources;
  /** source -> (file -> bytes) in bronze now. */
  private final Map<String, Map<String, Long>> bronze;
  private final Map<String, Map<String, Long>> consumed;
  private final String fullReason;

  private WebIncrement(BronzeReader reader, Map<SourceKind, List<String>> sources, Map<String, Map<String, Long>> bronze,
      Map<String, Map<String, Long>> consumed, String fullReason) {
    this.reader = reader;
    this.sources = sources;
    this.bronze = bronze;
    this.consumed = consumed;
    this.fullReason = fullReason;
  }

  /** Compares the bronze files of the web sources ({@code sources}: web kind -> its sources) with those silver was built from. */
  static WebIncrement decide(SparkSession spark, Warehouse warehouse, BronzeReader reader,
      Map<SourceKind, List<String>> sources, boolean fullRefresh) {
    Map<String, Map<String, Long>> bronze = new LinkedHashMap<>();
    sources.values().forEach(names -> names.forEach(source -> bronze.put(source, reader.files(source))));
    if (fullRefresh) {
      return new WebIncrement(reader, sources, bronze, Map.of(), "--full-refresh");
    }
    Optional<String> files = warehouse.silver(FILES_TABLE);
    if (files.isEmpty() || warehouse.silver(HITS_TABLE).isEmpty() || warehouse.silver("sessions").isEmpty()
        || warehouse.silver("page_views").isEmpty()) {
      return new WebIncrement(reader, sources, bronze, Map.of(), "no sessions conformed yet");
    }
    Dataset<Row> recorded = spark.read().parquet(files.get());
    if (!java.util.Arrays.equals(recorded.columns(), FILES_SCHEMA.fieldNames())
        || recorded.where(recorded.col("layout").notEqual(LAYOUT)).limit(1).count() > 0) {
      return new WebIncrement(reader, sources, bronze, Map.of(), "the web tables were built by an older version");
    }
    Map<String, Map<String, Long>> consumed = new LinkedHashMap<>();
    for (Row r : recorded.collectAsList()) {
      consumed.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>()).put(r.getString(1), r.getLong(2));
    }
    for (Map.Entry<String, Map<String, Long>> source : consumed.entrySet()) {
      Map<String, Long> now = bronze.getOrDefault(source.getKey(), Map.of());
      for (Map.Entry<String, Long> f : source.getValue().entrySet()) {
        if (!f.getValue().equals(now.get(f.getKey()))) {
          return new WebIncrement(reader, sources, bronze, consumed, "bronze file " + source.getKey() + "/" + f.getKey()
              + (now.containsKey(f.getKey()) ? " changed" : " is gone") + " since the last conform");
        }
      }
    }
    return new WebIncrement(reader, sources, bronze, consumed, null);
  }

  boolean incremental() {
    return fullReason == null;
  }

  /** Why the run cuts all web traffic; empty for an incremental run. */
  Optional<String> fullReason() {
    return Optional.ofNullable(fullReason);
  }

  /** Bronze web files not conformed yet. */
  int newFiles() {
    int n = 0;
    for (String source : bronze.keySet()) {
      n += fresh(source).size();
    }
    return n;
  }

  /** The bronze rows of a web kind (all its sources) in files silver has not seen yet. */
  Dataset<Row> newRows(SparkSession spark, SourceKind kind) {
    Dataset<Row> all = reader.empty(kind);
    for (String source : sources.getOrDefault(kind, List.of())) {
      all = all.unionByName(reader.readFiles(kind, source, fresh(source)));
    }
    return all;
  }

  private List<String> fresh(String source) {
    Map<String, Long> seen = consumed.getOrDefault(source, Map.of());
    return bronze.getOrDefault(source, Map.of()).keySet().stream().filter(f -> !seen.containsKey(f)).toList();
  }

  /** The files this run's silver is built from, for the next run to compare with. */
  Dataset<Row> files(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    bronze.forEach((source, files) -> files.forEach((file, bytes) -> rows.add(RowFactory.create(source, file, bytes, LAYOUT))));
    return spark.createDataFrame(rows, FILES_SCHEMA).coalesce(1);
  }
}
