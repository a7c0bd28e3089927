package io.crm.etl.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.unix_micros;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The least and greatest value of some timestamp columns in each data file of a table version,
 * kept in the version's folder as {@value #FILE}. Spark writes timestamps as INT96, of which
 * Parquet keeps no statistics, so a filter on time alone cannot skip a file: a night that needs
 * only the recent hits of a table sorted by time reads the files these ranges say can hold them.
 * Files are named by their file name, which a data file keeps when it is linked into a later version.
 * Ingest keeps the same for bronze partitions, to bound its duplicate search.
 */
public final class FileRanges {
  /** Named with a leading underscore, which Spark's readers skip, and no .parquet for DuckDB's glob. */
  public static final String FILE = "_file_ranges.tsv";

  private static final String HEADER = "file\tcolumn\tleast_micros\tgreatest_micros";

  /** file name -> column -> {least, greatest} in microseconds since the epoch; null: no value. */
  private final Map<String, Map<String, long[]>> byFile;

  private FileRanges(Map<String, Map<String, long[]>> byFile) {
    this.byFile = byFile;
  }

  /**
   * The ranges kept in {@code folder}; none if it has no {@value #FILE} or one that cannot be read
   * as ranges. The file is only a cache of what the data files hold, and every reader scans the
   * files whose ranges it does not know (and writes them back), so a damaged file costs one scan
   * instead of stopping a night.
   */
  public static FileRanges read(FileSystem fs, Path folder) throws IOException {
    Path file = new Path(folder, FILE);
    if (!fs.exists(file)) {
      return new FileRanges(new TreeMap<>());
    }
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      return new FileRanges(parse(in));
    } catch (ChecksumException damaged) {
      // the local file system's .crc beside it no longer matches: the file changed after it was written
      return new FileRanges(new TreeMap<>());
    }
  }

  /** The ranges in a ranges file; none if a line of it is not what {@link #write} writes. */
  private static Map<String, Map<String, long[]>> parse(BufferedReader in) throws IOException {
    Map<String, Map<String, long[]>> byFile = new TreeMap<>();
    if (!HEADER.equals(in.readLine())) {
      return new TreeMap<>();
    }
    String line;
    while ((line = in.readLine()) != null) {
      String[] f = line.split("\t", -1);
      if (f.length != 4 || f[2].isEmpty() != f[3].isEmpty() || !isMicros(f[2]) || !isMicros(f[3])) {
        return new TreeMap<>();
      }
      byFile.computeIfAbsent(f[0], k -> new TreeMap<>())
          .put(f[1], f[2].isEmpty() ? null : new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])});
    }
    return byFile;
  }

  private static boolean isMicros(String field) {
    return field.isEmpty() || field.matches("-?[0-9]{1,18}");
  }

  /** Writes these ranges into {@code folder}. */
  public void write(FileSystem fs, Path folder) throws IOException {
    write(fs, new Path(folder, FILE), true);
  }

  /**
   * Writes these ranges into {@code folder} under a temporary name and then renames it, so that a
   * process killed meanwhile leaves the folder's old ranges (or none), never a part of a file: for
   * a folder that readers already use.
   */
  public void replace(FileSystem fs, Path folder) throws IOException {
    Path next = new Path(folder, FILE + "." + java.util.UUID.randomUUID() + ".tmp");
    write(fs, next, false);
    Path target = new Path(folder, FILE);
    fs.delete(target, false);
    if (!fs.rename(next, target)) {
      throw new IOException("cannot rename " + next + " to " + target);
    }
  }

  private void write(FileSystem fs, Path target, boolean overwrite) throws IOException {
    try (Writer out = new OutputStreamWriter(fs.create(target, overwrite), StandardCharsets.UTF_8)) {
      out.write(HEADER + "\n");
      for (var file : byFile.entrySet()) {
        for (var column : file.getValue().entrySet()) {
          long[] r = column.getValue();
          out.write(file.getKey() + "\t" + column.getKey() + "\t" + (r == null ? "\t" : r[0] + "\t" + r[1]) + "\n");
        }
      }
    }
  }

  /**
   * Reads the ranges of {@code columns} in the data files {@code paths} (one scan of those
   * columns). A file without rows gets ranges without values.
   */
  public static FileRanges compute(SparkSession spark, List<String> paths, List<String> columns) {
    Map<String, Map<String, long[]>> byFile = new TreeMap<>();
    if (paths.isEmpty()) {
      return new FileRanges(byFile);
    }
    for (String p : paths) {
      Map<String, long[]> empty = new TreeMap<>();
      columns.forEach(c -> empty.put(c, null));
      byFile.put(new Path(p).getName(), empty);
    }
    List<Column> aggregates = new ArrayList<>();
    for (String c : columns) {
      aggregates.add(min(unix_micros(col(c))));
      aggregates.add(max(unix_micros(col(c))));
    }
    List<Row> rows = spark.read().parquet(paths.toArray(String[]::new))
        .groupBy(input_file_name().as("file"))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .collectAsList();
    for (Row r : rows) {
      Map<String, long[]> ranges = byFile.get(new Path(r.getString(0)).getName());
      for (int i = 0; i < columns.size(); i++) {
        ranges.put(columns.get(i), r.isNullAt(1 + 2 * i) ? null : new long[] {r.getLong(1 + 2 * i), r.getLong(2 + 2 * i)});
      }
    }
    return new FileRanges(byFile);
  }

  /**
   * One range of {@code column} for each of the files {@code names}, as a writer knows it of the
   * rows it wrote (a range that holds theirs is enough); null: the files hold no value.
   */
  public static FileRanges spanning(Set<String> names, String column, long[] range) {
    Map<String, Map<String, long[]>> byFile = new TreeMap<>();
    for (String name : names) {
      Map<String, long[]> ranges = new TreeMap<>();
      ranges.put(column, range == null ? null : range.clone());
      byFile.put(name, ranges);
    }
    return new FileRanges(byFile);
  }

  /** Whether the ranges of every column of {@code columns} in the file {@code name} are known. */
  public boolean knows(String name, List<String> columns) {
    Map<String, long[]> ranges = byFile.get(name);
    return ranges != null && ranges.keySet().containsAll(columns);
  }

  /**
   * Whether the file {@code name} can hold a row whose {@code column} is {@code fromMicros} or
   * later: its greatest value is, or its range is not known.
   */
  boolean reaches(String name, String column, long fromMicros) {
    Map<String, long[]> ranges = byFile.get(name);
    if (ranges == null || !ranges.containsKey(column)) {
      return true;
    }
    long[] r = ranges.get(column);
    return r != null && r[1] >= fromMicros;
  }

  /**
   * Whether the file {@code name} can hold a row whose {@code column} lies between
   * {@code fromMicros} and {@code toMicros} (both included): its range meets them, or is not known.
   */
  public boolean overlaps(String name, String column, long fromMicros, long toMicros) {
    Map<String, long[]> ranges = byFile.get(name);
    if (ranges == null || !ranges.containsKey(column)) {
      return true;
    }
    long[] r = ranges.get(column);
    return r != null && r[0] <= toMicros && r[1] >= fromMicros;
  }

  /** These ranges and {@code other}'s, for the files named in {@code names} only. */
  public FileRanges with(FileRanges other, Set<String> names) {
    Map<String, Map<String, long[]>> merged = new TreeMap<>();
    for (FileRanges source : List.of(this, other)) {
      source.byFile.forEach((file, ranges) -> {
        if (names.contains(file)) {
          merged.computeIfAbsent(file, k -> new TreeMap<>()).putAll(ranges);
        }
      });
    }
    return new FileRanges(merged);
  }
}
