package io.crm.etl.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import io.crm.warehouse.TableVersions;
import io.crm.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Writes the silver tables of one conform run as new table versions. Nothing is visible to other
 * processes until {@link #publish()} has staged them all and the caller commits the warehouse, so
 * readers see the previous silver or the new one as a whole. Intermediate results go to the
 * run's scratch folder, which {@link #removeWork()} deletes.
 */
public final class SilverWriter {
  static final String SCRATCH_PREFIX = "conform-";
  /** The data file a stored row was read from, while a table is patched. */
  private static final String SOURCE_FILE = "_source_file";

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final String runId;
  private final Map<String, Long> rows = new LinkedHashMap<>();
  private final Map<String, String> written = new LinkedHashMap<>();
  /** The timestamp columns whose ranges are kept per data file, by table (see {@link FileRanges}). */
  private final Map<String, List<String>> rangedColumns = new HashMap<>();
  /** The file ranges of table versions read or learnt in this run, by version folder. */
  private final Map<String, FileRanges> knownRanges = new HashMap<>();

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
    return writeLinking(table, df, sortColumn, 0, List.of());
  }

  /**
   * As {@link #write}, for a new version made of {@code df} plus data files of the current version
   * ({@code linked}, absolute paths) that stay as they are: they are hard-linked into the new
   * version's folder on a local disk (copied elsewhere), so their rows are not decoded and encoded
   * again. Version folders are deleted on expiry; a linked file lives on in the versions that
   * still name it. With {@code maxRowsPerFile} above 0, no file written gets more rows, so the rows
   * sorted by {@code sortColumn} end up in files that each cover one range of it.
   */
  public Dataset<Row> writeLinking(String table, Dataset<Row> df, String sortColumn, long maxRowsPerFile, List<String> linked) {
    String path = warehouse.newSilverVersion(table);
    var w = (sortColumn == null ? df : df.orderBy(col(sortColumn))).write().mode(SaveMode.Overwrite);
    if (maxRowsPerFile > 0) {
      w = w.option("maxRecordsPerFile", maxRowsPerFile);
    }
    w.parquet(path);
    try {
      Path folder = new Path(path);
      FileSystem fs = folder.getFileSystem(warehouse.hadoopConf());
      List<String> columns = rangedColumns.get(table);
      FileRanges ranges = null;
      if (columns != null) {
        // before the links: the folder holds only the files just written
        List<String> newFiles = Arrays.stream(fs.listStatus(folder))
            .map(f -> f.getPath().toString())
            .filter(f -> isDataFile(new Path(f).getName()))
            .toList();
        ranges = FileRanges.compute(spark, newFiles, columns);
        if (!linked.isEmpty()) {
          Set<String> names = new HashSet<>();
          newFiles.forEach(f -> names.add(new Path(f).getName()));
          linked.forEach(f -> names.add(new Path(f).getName()));
          ranges = ranges.with(currentRanges(table), names);
        }
      }
      for (String file : linked) {
        Path source = new Path(file);
        Path target = new Path(folder, source.getName());
        if (fs.exists(target)) {
          throw new IOException("a new data file has the name of a linked one: " + target);
        }
        if ("file".equals(fs.getScheme())) {
          java.nio.file.Files.createLink(java.nio.file.Path.of(fs.makeQualified(target).toUri()),
              java.nio.file.Path.of(fs.makeQualified(source).toUri()));
        } else {
          org.apache.hadoop.fs.FileUtil.copy(fs, source, fs, target, false, warehouse.hadoopConf());
        }
      }
      if (ranges != null) {
        ranges.write(fs, folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("linking the unchanged files of " + table + " into " + path + " failed", e);
    }
    Dataset<Row> back = spark.read().schema(df.schema()).parquet(path);
    rows.put(table, back.count());
    written.put(table, path);
    return back;
  }

  /**
   * Writes a new version of a table copy-on-write: its rows whose {@code key} is one of
   * {@code replacedKeys} give way to {@code replacement}. A data file of the current version that
   * holds none of those keys is hard-linked into the new version as it is; the other rows of the
   * files that do are written anew with the replacement, sorted by {@code sortColumn}, at most
   * {@code maxRowsPerFile} per file. {@code searched} (null: the whole current version) is where
   * replaced rows can be: the current version read from some of its files (see
   * {@link #currentReaching}) or filtered on a column whose Parquet statistics let the search skip
   * the older files.
   */
  public Dataset<Row> writePatched(String table, String key, Dataset<Row> replacedKeys, Dataset<Row> replacement,
      Dataset<Row> searched, String sortColumn, long maxRowsPerFile) {
    Dataset<Row> stored = TableVersions.read(spark, warehouse.silver(table).orElseThrow());
    Dataset<Row> keys = replacedKeys.select(key);
    // input_file_name() and inputFiles() may spell a path differently: compare plain paths
    List<String> touchedAsRead = (searched == null ? stored : searched).withColumn(SOURCE_FILE, input_file_name())
        .join(keys, key, "left_semi").select(SOURCE_FILE).distinct().as(Encoders.STRING()).collectAsList();
    Set<String> touched = new HashSet<>();
    touchedAsRead.forEach(f -> touched.add(plainPath(f)));
    Column[] columns = Arrays.stream(replacement.columns()).map(functions::col).toArray(Column[]::new);
    // only the touched files are read again: a filter on input_file_name() would decode every file
    Dataset<Row> rewritten = touchedAsRead.isEmpty()
        ? replacement
        : spark.read().schema(stored.schema()).parquet(touchedAsRead.toArray(String[]::new))
            .join(keys, key, "left_anti")
            .select(columns)
            .unionByName(replacement);
    List<String> linked = dataFiles(stored).stream().filter(f -> !touched.contains(f)).toList();
    return writeLinking(table, rewritten, sortColumn, maxRowsPerFile, linked);
  }

  /**
   * Keeps, from now on, the least and greatest value of {@code columns} (timestamps) of every data
   * file of {@code table} this writer writes (see {@link FileRanges}), so {@link #currentReaching}
   * can skip files.
   */
  public void keepRanges(String table, List<String> columns) {
    rangedColumns.put(table, List.copyOf(columns));
  }

  /**
   * The rows of the current version of {@code table} (one given to {@link #keepRanges}) in the
   * data files that can hold a {@code column} of {@code from} or later: all such rows, and others
   * of the same files. Files whose ranges the version does not keep (written before ranges were,
   * or by another writer) are read once to learn them.
   */
  public Dataset<Row> currentReaching(String table, String column, Instant from) {
    Dataset<Row> current = TableVersions.read(spark, warehouse.silver(table).orElseThrow());
    FileRanges ranges = currentRanges(table);
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, from);
    String[] reaching = Arrays.stream(current.inputFiles())
        .filter(f -> ranges.reaches(new Path(f).getName(), column, micros))
        .toArray(String[]::new);
    return reaching.length == 0
        ? spark.createDataFrame(List.of(), current.schema())
        : spark.read().schema(current.schema()).parquet(reaching);
  }

  /** The ranges of every data file of the current version of a ranged table, read or learnt once per run. */
  private FileRanges currentRanges(String table) {
    String version = warehouse.silver(table).orElseThrow();
    return knownRanges.computeIfAbsent(version, v -> {
      List<String> columns = rangedColumns.get(table);
      if (columns == null) {
        throw new IllegalStateException("no ranges are kept for " + table);
      }
      try {
        Path folder = new Path(v);
        FileRanges kept = FileRanges.read(folder.getFileSystem(warehouse.hadoopConf()), folder);
        String[] files = TableVersions.read(spark, v).inputFiles();
        List<String> unknown = Arrays.stream(files).filter(f -> !kept.knows(new Path(f).getName(), columns)).toList();
        Set<String> names = new HashSet<>();
        Arrays.stream(files).forEach(f -> names.add(new Path(f).getName()));
        return FileRanges.compute(spark, unknown, columns).with(kept, names);
      } catch (IOException e) {
        throw new UncheckedIOException("reading the file ranges of " + v + " failed", e);
      }
    });
  }

  /** Whether a name in a table's folder is a data file rather than a marker or the file ranges. */
  private static boolean isDataFile(String name) {
    return !name.startsWith("_") && !name.startsWith(".");
  }

  /** The data files a table read from Parquet consists of, as plain paths; none for null. */
  static List<String> dataFiles(Dataset<Row> table) {
    return table == null ? List.of() : Arrays.stream(table.inputFiles()).map(SilverWriter::plainPath).distinct().toList();
  }

  /** A data file's path without scheme, as both input_file_name() and inputFiles() can spell it. */
  static String plainPath(String uri) {
    return new Path(uri).toUri().getPath();
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
