package io.crm.etl.ingest;

import io.crm.etl.conform.FileRanges;
import io.crm.warehouse.DataFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The bronze files a duplicate search has to read. A copy of a record has the same bytes and so
 * the same timestamp, so only files holding times in the range of the new records can hold one.
 * Spark writes timestamps as INT96, of which Parquet keeps no statistics (a filter on the time
 * still decodes every row of history), so each bronze partition keeps the least and greatest
 * time of each of its files beside them ({@link FileRanges}). Ingest records them for the files
 * it writes; files a partition does not know yet (written before there were ranges, or rewritten
 * by an erasure) are scanned once, and their ranges added to the partition's.
 */
final class DuplicateScope {
  private final SparkSession spark;
  private final FileSystem fs;
  private final String column;

  /** @param column the timestamp column of the source's records */
  DuplicateScope(SparkSession spark, FileSystem fs, String column) {
    this.spark = spark;
    this.fs = fs;
    this.column = column;
  }

  /** The data files of the bronze table {@code table} that can hold a time from {@code fromMicros} to {@code toMicros}. */
  List<String> files(Path table, long fromMicros, long toMicros) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<Path, List<Path>> partition : dataFiles(table).entrySet()) {
      FileRanges ranges = known(partition.getKey(), partition.getValue());
      for (Path f : partition.getValue()) {
        if (ranges.overlaps(f.getName(), column, fromMicros, toMicros)) {
          out.add(f.toString());
        }
      }
    }
    return out;
  }

  /**
   * Writes the ranges of the data files in {@code staging} (a bronze partition about to replace
   * {@code live}) beside them, without reading them: the files copied from {@code live} keep the
   * ranges it knows of them, the ones this run wrote get {@code written}, the least and greatest
   * time of the records it parsed (a range that holds theirs; null: none had a time).
   */
  void record(Path staging, Path live, long[] written) {
    try {
      Set<String> old = new TreeSet<>();
      dataFiles(live).values().forEach(files -> files.forEach(f -> old.add(f.getName())));
      Set<String> names = new TreeSet<>();
      Set<String> added = new TreeSet<>();
      for (List<Path> files : dataFiles(staging).values()) {
        for (Path f : files) {
          names.add(f.getName());
          if (!old.contains(f.getName())) {
            added.add(f.getName());
          }
        }
      }
      FileRanges.spanning(added, column, written).with(FileRanges.read(fs, live), names).write(fs, staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the time ranges of the files in " + staging, e);
    }
  }

  /**
   * The ranges of {@code files} in the live partition {@code folder}: its ranges file, and a scan
   * of the files it lacks, whose ranges are then added to it.
   */
  private FileRanges known(Path folder, List<Path> files) {
    try {
      FileRanges kept = FileRanges.read(fs, folder);
      List<String> unknown = new ArrayList<>();
      Set<String> names = new TreeSet<>();
      for (Path f : files) {
        names.add(f.getName());
        if (!kept.knows(f.getName(), List.of(column))) {
          unknown.add(f.toString());
        }
      }
      if (unknown.isEmpty()) {
        return kept;
      }
      FileRanges all = FileRanges.compute(spark, unknown, List.of(column)).with(kept, names);
      all.replace(fs, folder);
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the time ranges of the files in " + folder, e);
    }
  }

  /** The data files under {@code table} by folder. */
  private Map<Path, List<Path>> dataFiles(Path table) {
    Map<Path, List<Path>> out = new LinkedHashMap<>();
    try {
      for (FileStatus s : DataFiles.under(fs, table)) {
        out.computeIfAbsent(s.getPath().getParent(), k -> new ArrayList<>()).add(s.getPath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + table + " failed", e);
    }
    return out;
  }
}
