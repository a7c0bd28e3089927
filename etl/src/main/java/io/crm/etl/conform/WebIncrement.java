package io.crm.etl.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.broadcast;

import io.crm.etl.bronze.BronzeSchema;
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
 * bronze files that arrived since the last run, whose visitors are then re-cut from the hits
 * silver.session_hits already holds. The bronze web files a run consumed are kept in
 * silver.session_hit_files, published with the sessions they produced; the next run compares them
 * with bronze. A file that is gone or has another number of rows (replaced by `crm ingest
 * --force`, filtered by an erasure, cut off by an earlier --ingested-until) means silver no longer
 * matches bronze, and the run refreshes in full instead of patching.
 */
final class WebIncrement {
  static final String FILES_TABLE = "session_hit_files";
  static final String HITS_TABLE = "session_hits";
  static final StructType FILES_SCHEMA = new StructType()
      .add("source", DataTypes.StringType, false)
      .add("file", DataTypes.StringType, false)
      .add("rows", DataTypes.LongType, false);

  private final Map<String, Long> bronzeFiles;
  private final Map<String, Long> consumed;
  private final String fullReason;

  private WebIncrement(Map<String, Long> bronzeFiles, Map<String, Long> consumed, String fullReason) {
    this.bronzeFiles = bronzeFiles;
    this.consumed = consumed;
    this.fullReason = fullReason;
  }

  /**
   * Compares bronze's web files ({@code webBronze}: the bronze rows of every web source, as read
   * for this run) with those the current silver was built from.
   */
  static WebIncrement decide(SparkSession spark, Warehouse warehouse, List<Dataset<Row>> webBronze, boolean fullRefresh) {
    Map<String, Long> bronze = new LinkedHashMap<>();
    for (Dataset<Row> rows : webBronze) {
      for (Row r : rows.groupBy(col(BronzeSchema.SOURCE), col(BronzeSchema.FILE)).count().collectAsList()) {
        bronze.put(key(r.getString(0), r.getString(1)), r.getLong(2));
      }
    }
    if (fullRefresh) {
      return new WebIncrement(bronze, Map.of(), "--full-refresh");
    }
    Optional<String> hits = warehouse.silver(HITS_TABLE);
    Optional<String> files = warehouse.silver(FILES_TABLE);
    if (hits.isEmpty() || files.isEmpty() || warehouse.silver("sessions").isEmpty() || warehouse.silver("page_views").isEmpty()) {
      return new WebIncrement(bronze, Map.of(), "no sessions conformed yet");
    }
    Map<String, Long> consumed = new LinkedHashMap<>();
    for (Row r : spark.read().schema(FILES_SCHEMA).parquet(files.get()).collectAsList()) {
      consumed.put(key(r.getString(0), r.getString(1)), r.getLong(2));
    }
    for (Map.Entry<String, Long> e : consumed.entrySet()) {
      Long now = bronze.get(e.getKey());
      if (!e.getValue().equals(now)) {
        String file = e.getKey().substring(e.getKey().indexOf('\u0000') + 1);
        return new WebIncrement(bronze, consumed, "bronze file " + file + (now == null ? " is gone" : " changed ("
            + e.getValue() + " rows conformed, " + now + " now)") + " since the last conform");
      }
    }
    return new WebIncrement(bronze, consumed, null);
  }

  boolean incremental() {
    return fullReason == null;
  }

  /** Why the run cuts all web traffic; empty for an incremental run. */
  Optional<String> fullReason() {
    return Optional.ofNullable(fullReason);
  }

  /** Bronze web files not yet conformed (all of them for a full refresh). */
  int newFiles() {
    return (int) bronzeFiles.keySet().stream().filter(k -> !consumed.containsKey(k)).count();
  }

  /** The rows of {@code bronze} (one web kind, all sources) from files silver has not seen yet. */
  Dataset<Row> onlyNew(SparkSession spark, Dataset<Row> bronze) {
    List<Row> fresh = new ArrayList<>();
    for (String k : bronzeFiles.keySet()) {
      if (!consumed.containsKey(k)) {
        int cut = k.indexOf('\u0000');
        fresh.add(RowFactory.create(k.substring(0, cut), k.substring(cut + 1)));
      }
    }
    StructType keys = new StructType().add(BronzeSchema.SOURCE, DataTypes.StringType).add(BronzeSchema.FILE, DataTypes.StringType);
    Dataset<Row> wanted = spark.createDataFrame(fresh, keys);
    return bronze.join(broadcast(wanted),
        bronze.col(BronzeSchema.SOURCE).equalTo(wanted.col(BronzeSchema.SOURCE))
            .and(bronze.col(BronzeSchema.FILE).equalTo(wanted.col(BronzeSchema.FILE))),
        "left_semi");
  }

  /** The files this run's silver is built from, for the next run to compare with. */
  Dataset<Row> files(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    bronzeFiles.forEach((k, n) -> {
      int cut = k.indexOf('\u0000');
      rows.add(RowFactory.create(k.substring(0, cut), k.substring(cut + 1), n));
    });
    return spark.createDataFrame(rows, FILES_SCHEMA).coalesce(1);
  }

  private static String key(String source, String file) {
    return source + '\u0000' + file;
  }
}
