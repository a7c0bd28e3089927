package io.crm.etl.conform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.crm.etl.bronze.BronzeSchema;
import io.crm.etl.source.SourceKind;
import io.crm.warehouse.TableVersions;
import io.crm.warehouse.Warehouse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which bronze files a conform run must stage for one group of sources whose silver state is kept
 * between runs: all of them (a full refresh) or only those that arrived since the last run. The
 * web group's state is silver.session_hits (with the sessions and page views cut from it); the
 * records group's state is the staged transactions, contacts and survey answers.
 *
 * <p>The bronze Parquet files a run consumed (path and length) are kept in the group's files
 * table, published with the state they produced; the next run compares them with a listing of
 * bronze, which costs no Spark job. A file that is gone or has another length (an erasure, a
 * smaller --ingested-until, a file removed by hand) means the state no longer matches bronze, and
 * the run refreshes in full instead of patching. A second ingest into the same ingest date keeps
 * that folder's files as they were and adds new ones.
 *
 * <p>Retention: a consumed file of an ingest date before the run's retain-from date is marked
 * retired. Its rows live on in the state only; the nightly's retention step then deletes it from
 * bronze. A retired file that is gone is expected, one still there is not read again, and a full
 * refresh keeps the state's rows of retired ingest dates and stages only the rest of bronze.
 */
final class BronzeIncrement {
  /** A group of source kinds with its bookkeeping table, its state tables and their shape. */
  record Group(String filesTable, List<String> stateTables, int layout, String sourceColumn) {}

  /**
   * Web traffic; layout is the shape of session_hits, sessions and page_views, raised whenever a
   * model changes their columns or files, so that the first run of a new version rebuilds them
   * (4: sessions and page views without their person, in files sorted by time).
   */
  static final Group WEB = new Group("session_hit_files", List.of("session_hits", "sessions", "page_views"), 4, "source");
  /** Transactions, contacts and surveys as staged (see {@link #stateTable}). */
  static final Group RECORDS = new Group("staged_files",
      List.of("staged_transactions", "staged_contacts", "staged_surveys"), 1, "_source");

  static final StructType FILES_SCHEMA = new StructType()
      .add("source", DataTypes.StringType, false)
      .add("file", DataTypes.StringType, false)
      .add("bytes", DataTypes.LongType, false)
      .add("layout", DataTypes.IntegerType, false)
      .add("is_retired", DataTypes.BooleanType, false);

  private final Group group;
  private final BronzeReader reader;
  private final Map<SourceKind, List<String>> sources;
  /** source -> (file -> bytes) in bronze now. */
  private final Map<String, Map<String, Long>> bronze;
  /** source -> (file -> bytes) the state holds (empty for a full refresh). */
  private final Map<String, Map<String, Long>> consumed;
  /** source -> retired files (whether or not still in bronze). */
  private final Map<String, Set<String>> retired;
  private final String fullReason;

  private BronzeIncrement(Group group, BronzeReader reader, Map<SourceKind, List<String>> sources,
      Map<String, Map<String, Long>> bronze, Map<String, Map<String, Long>> consumed, Map<String, Set<String>> retired,
      String fullReason) {
    this.group = group;
    this.reader = reader;
    this.sources = sources;
    this.bronze = bronze;
    this.consumed = fullReason == null ? consumed : Map.of();
    this.retired = retired;
    this.fullReason = fullReason;
  }

  /** The silver table that keeps a records kind as staged, e.g. staged_transactions. */
  static String stateTable(SourceKind kind) {
    return "staged_" + kind.yamlName();
  }

  /** Compares the bronze files of the group's sources ({@code sources}: kind -> its sources) with those its state was built from. */
  static BronzeIncrement decide(SparkSession spark, Warehouse warehouse, BronzeReader reader, Group group,
      Map<SourceKind, List<String>> sources, boolean fullRefresh) {
    Map<String, Map<String, Long>> bronze = new LinkedHashMap<>();
    sources.values().forEach(names -> names.forEach(source -> bronze.put(source, reader.files(source))));
    Optional<String> files = warehouse.silver(group.filesTable());
    Dataset<Row> recorded = files.map(f -> TableVersions.read(spark, f)).orElse(null);
    boolean current = recorded != null && Arrays.equals(recorded.columns(), FILES_SCHEMA.fieldNames());
    Map<String, Map<String, Long>> consumed = new LinkedHashMap<>();
    Map<String, Set<String>> retired = new LinkedHashMap<>();
    boolean sameLayout = true;
    if (current) {
      for (Row r : recorded.collectAsList()) {
        if (r.getBoolean(4)) {
          retired.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
        } else {
          consumed.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>()).put(r.getString(1), r.getLong(2));
        }
        sameLayout &= r.getInt(3) == group.layout();
      }
    }
    String reason = null;
    if (fullRefresh) {
      reason = "--full-refresh";
    } else if (recorded == null || group.stateTables().stream().anyMatch(t -> warehouse.silver(t).isEmpty())) {
      reason = "nothing conformed yet";
    } else if (!current || !sameLayout) {
      reason = "its tables were built by an older version";
    } else {
      reason = changed(bronze, consumed);
    }
    return new BronzeIncrement(group, reader, sources, bronze, consumed, retired, reason);
  }

  private static String changed(Map<String, Map<String, Long>> bronze, Map<String, Map<String, Long>> consumed) {
    for (Map.Entry<String, Map<String, Long>> source : consumed.entrySet()) {
      Map<String, Long> now = bronze.getOrDefault(source.getKey(), Map.of());
      for (Map.Entry<String, Long> f : source.getValue().entrySet()) {
        if (!f.getValue().equals(now.get(f.getKey()))) {
          return "bronze file " + source.getKey() + "/" + f.getKey()
              + (now.containsKey(f.getKey()) ? " changed" : " is gone") + " since the last conform";
        }
      }
    }
    return null;
  }

  /** Per source, the bronze files the current silver of every group marks retired. */
  static Map<String, Set<String>> retiredFiles(SparkSession spark, Warehouse warehouse) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Group group : List.of(WEB, RECORDS)) {
      Optional<String> files = warehouse.silver(group.filesTable());
      if (files.isEmpty()) {
        continue;
      }
      Dataset<Row> recorded = TableVersions.read(spark, files.get());
      if (!Arrays.asList(recorded.columns()).contains("is_retired")) {
        continue;
      }
      for (Row r : recorded.where(col("is_retired")).select("source", "file").collectAsList()) {
        out.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
      }
    }
    return out;
  }

  boolean incremental() {
    return fullReason == null;
  }

  /** Why the run stages all of the group's bronze; empty for an incremental run. */
  Optional<String> fullReason() {
    return Optional.ofNullable(fullReason);
  }

  /**
   * Whether a run would leave the group's silver as it is: incremental, no bronze file to stage,
   * and none of the files consumed becomes retired by {@code retainFrom}.
   */
  boolean changesNothing(LocalDate retainFrom) {
    return incremental() && newFiles() == 0
        && consumed.values().stream().flatMap(files -> files.keySet().stream()).noneMatch(f -> isBefore(f, retainFrom));
  }

  /** Bronze files this run stages. */
  int newFiles() {
    return bronze.keySet().stream().mapToInt(source -> toStage(source).size()).sum();
  }

  /** The bronze rows of a kind (all its sources) this run stages: files neither consumed nor retired. */
  Dataset<Row> newRows(SourceKind kind) {
    Dataset<Row> all = reader.empty(kind);
    for (String source : sources.getOrDefault(kind, List.of())) {
      all = all.unionByName(reader.readFiles(kind, source, toStage(source)));
    }
    return all;
  }

  private List<String> toStage(String source) {
    Map<String, Long> seen = consumed.getOrDefault(source, Map.of());
    Set<String> gone = retired.getOrDefault(source, Set.of());
    return bronze.getOrDefault(source, Map.of()).keySet().stream()
        .filter(f -> !seen.containsKey(f) && !gone.contains(f))
        .toList();
  }

  /**
   * What a run keeps of a state table before adding the rows it stages: all of it when
   * incremental; for a full refresh only the rows of retired ingest dates, whose bronze is gone
   * (none when nothing is retired). {@code state} is the table's current version, or null.
   */
  Dataset<Row> kept(SparkSession spark, Dataset<Row> state) {
    if (state == null) {
      return null;
    }
    if (incremental()) {
      return state;
    }
    List<Row> partitions = new ArrayList<>();
    retired.forEach((source, files) -> files.stream()
        .map(BronzeIncrement::ingestDate)
        .filter(d -> d != null)
        .distinct()
        .forEach(d -> partitions.add(RowFactory.create(source, java.sql.Date.valueOf(d)))));
    if (partitions.isEmpty() || !Arrays.asList(state.columns()).contains(BronzeSchema.PARTITION)) {
      return null;
    }
    StructType schema = new StructType()
        .add(group.sourceColumn(), DataTypes.StringType)
        .add(BronzeSchema.PARTITION, DataTypes.DateType);
    Dataset<Row> retiredDates = spark.createDataFrame(partitions, schema);
    return state.join(broadcast(retiredDates), List.of(group.sourceColumn(), BronzeSchema.PARTITION).stream()
        .map(c -> state.col(c).eqNullSafe(retiredDates.col(c)))
        .reduce(Column::and).orElseThrow(), "left_semi");
  }

  /**
   * The files this run's state is built from, for the next run to compare with: every bronze file
   * (those of an ingest date before {@code retainFrom} marked retired) and every file retired
   * earlier.
   */
  Dataset<Row> files(SparkSession spark, LocalDate retainFrom) {
    Map<String, Map<String, Boolean>> out = new TreeMap<>();
    retired.forEach((source, files) -> files.forEach(f -> out.computeIfAbsent(source, k -> new TreeMap<>()).put(f, true)));
    List<Row> rows = new ArrayList<>();
    bronze.forEach((source, files) -> files.forEach((file, bytes) -> {
      boolean isRetired = retired.getOrDefault(source, Set.of()).contains(file) || isBefore(file, retainFrom);
      rows.add(RowFactory.create(source, file, bytes, group.layout(), isRetired));
      if (out.containsKey(source)) {
        out.get(source).remove(file);
      }
    }));
    out.forEach((source, files) -> files.keySet().forEach(f -> rows.add(RowFactory.create(source, f, 0L, group.layout(), true))));
    return spark.createDataFrame(rows, FILES_SCHEMA).coalesce(1);
  }

  private static boolean isBefore(String file, LocalDate retainFrom) {
    LocalDate d = ingestDate(file);
    return retainFrom != null && d != null && d.isBefore(retainFrom);
  }

  /** The ingest date of a bronze file from its partition folder, null outside one. */
  static LocalDate ingestDate(String file) {
    for (String segment : file.split("/")) {
      if (segment.startsWith(BronzeSchema.PARTITION + "=")) {
        try {
          return LocalDate.parse(segment.substring(BronzeSchema.PARTITION.length() + 1));
        } catch (DateTimeParseException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** {@code df} in the columns of {@code like}: missing ones are NULL (rows of an older layout). */
  static Dataset<Row> shaped(Dataset<Row> df, Dataset<Row> like) {
    Set<String> have = new HashSet<>(Arrays.asList(df.columns()));
    Column[] cols = Arrays.stream(like.schema().fields())
        .map(f -> (have.contains(f.name()) ? col(f.name()).cast(f.dataType()) : lit(null).cast(f.dataType())).as(f.name()))
        .toArray(Column[]::new);
    return df.select(cols);
  }
}
