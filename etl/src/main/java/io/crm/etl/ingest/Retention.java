package io.crm.etl.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.etl.bronze.BronzeSchema;
import io.crm.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Deletes what the workspace keeps only for a while: the bronze and quarantine partitions of
 * ingest dates before a cutoff, and the ingest ledger entries of those dates.
 *
 * <p>A bronze partition goes only when conform has retired every file in it (silver then holds its
 * rows, see the conform's staged state); one that conform has not consumed yet stays, and is
 * counted. Ledger entries are compacted, not simply dropped: the fingerprints of the landing files
 * they list (path, size, hash, modification time) move to one entry per source,
 * {@code retired-<cutoff>-<id>.<source>.json}, so a landing file that is still in the inbox is not
 * loaded a second time; their counts, notes and run ids go. Every step can be killed and run
 * again: a partition half deleted holds only retired files, and a fingerprint written twice is
 * the same fingerprint.
 */
public final class Retention {
  private static final String RETIRED = "retired-";

  /**
   * @param bronzePartitions ingest-date folders deleted from bronze
   * @param bronzeKept folders before the cutoff kept because conform has not consumed all their files
   * @param quarantinePartitions ingest-date folders deleted from quarantine
   * @param ledgerEntries ingest ledger entries compacted into the retired fingerprints
   */
  public record Result(LocalDate cutoff, int bronzePartitions, int bronzeKept, int quarantinePartitions, int ledgerEntries) {}

  private final Warehouse warehouse;
  private final Map<String, Set<String>> retiredFiles;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param retiredFiles per source, the bronze files (relative to its table folder) the committed
   *     silver marks retired
   */
  public Retention(Warehouse warehouse, Map<String, Set<String>> retiredFiles) {
    this.warehouse = warehouse;
    this.retiredFiles = retiredFiles;
  }

  /** Deletes everything of ingest dates before {@code cutoff}. */
  public Result run(LocalDate cutoff) {
    if (cutoff == null) {
      throw new IllegalArgumentException("retention needs a cutoff date");
    }
    try {
      FileSystem fs = new Path(warehouse.root()).getFileSystem(warehouse.hadoopConf());
      int deleted = 0;
      int kept = 0;
      for (Path table : tables(fs, new Path(warehouse.bronze()))) {
        Set<String> retired = retiredFiles.getOrDefault(table.getName(), Set.of());
        for (Path partition : partitionsBefore(fs, table, cutoff)) {
          if (allRetired(fs, table, partition, retired)) {
            fs.delete(partition, true);
            deleted++;
          } else {
            kept++;
          }
        }
      }
      int quarantined = 0;
      for (Path table : tables(fs, new Path(warehouse.quarantine()))) {
        for (Path partition : partitionsBefore(fs, table, cutoff)) {
          fs.delete(partition, true);
          quarantined++;
        }
      }
      int entries = compactLedger(fs, new Path(warehouse.runs(), "ingest"), cutoff);
      return new Result(cutoff, deleted, kept, quarantined, entries);
    } catch (IOException e) {
      throw new UncheckedIOException("retention in " + warehouse.root() + " failed", e);
    }
  }

  private static List<Path> tables(FileSystem fs, Path layer) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!fs.isDirectory(layer)) {
      return out;
    }
    for (FileStatus s : fs.listStatus(layer)) {
      String name = s.getPath().getName();
      if (s.isDirectory() && !name.startsWith("_") && !name.startsWith(".")) {
        out.add(s.getPath());
      }
    }
    return out;
  }

  private static List<Path> partitionsBefore(FileSystem fs, Path table, LocalDate cutoff) throws IOException {
    List<Path> out = new ArrayList<>();
    for (FileStatus s : fs.listStatus(table)) {
      LocalDate day = partitionDate(s.getPath().getName());
      if (s.isDirectory() && day != null && day.isBefore(cutoff)) {
        out.add(s.getPath());
      }
    }
    return out;
  }

  private static LocalDate partitionDate(String folder) {
    String prefix = BronzeSchema.PARTITION + "=";
    if (!folder.startsWith(prefix)) {
      return null;
    }
    try {
      return LocalDate.parse(folder.substring(prefix.length()));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean allRetired(FileSystem fs, Path table, Path partition, Set<String> retired) throws IOException {
    String prefix = fs.makeQualified(table).toUri().getPath() + "/";
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(partition, true);
    while (it.hasNext()) {
      String relative = it.next().getPath().toUri().getPath().substring(prefix.length());
      if (relative.endsWith(".parquet") && !retired.contains(relative)) {
        return false;
      }
    }
    return true;
  }

  /** Moves the file fingerprints of entries before the cutoff into one retired entry per source. */
  private int compactLedger(FileSystem fs, Path dir, LocalDate cutoff) throws IOException {
    if (!fs.isDirectory(dir)) {
      return 0;
    }
    Map<String, List<Path>> old = new TreeMap<>();
    Map<String, Integer> newlyCompacted = new TreeMap<>();
    Map<String, Map<String, JsonNode>> fingerprints = new TreeMap<>();
    int compacted = 0;
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (name.startsWith("_") || !name.endsWith(".json")) {
        continue;
      }
      JsonNode entry;
      try (InputStream in = fs.open(s.getPath())) {
        entry = json.readTree(in);
      }
      if (entry == null || !entry.hasNonNull("source")) {
        continue;
      }
      String source = entry.path("source").asText();
      boolean retiredEntry = name.startsWith(RETIRED);
      LocalDate day = retiredEntry ? null : parse(entry.path("ingest_date").asText(null));
      if (!retiredEntry && (day == null || !day.isBefore(cutoff))) {
        continue;
      }
      old.computeIfAbsent(source, k -> new ArrayList<>()).add(s.getPath());
      Map<String, JsonNode> files = fingerprints.computeIfAbsent(source, k -> new TreeMap<>());
      for (JsonNode f : entry.path("files")) {
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("path", f.path("path").asText());
        kept.put("size", f.path("size").asLong());
        kept.put("sha256", f.path("sha256").asText());
        if (f.hasNonNull("modified_at")) {
          kept.put("modified_at", f.path("modified_at").asLong());
        }
        files.put(kept.get("path") + "\u0000" + kept.get("size") + "\u0000" + kept.get("sha256"), json.valueToTree(kept));
      }
      if (!retiredEntry) {
        compacted++;
        newlyCompacted.merge(source, 1, Integer::sum);
      }
    }
    for (Map.Entry<String, List<Path>> source : old.entrySet()) {
      if (!newlyCompacted.containsKey(source.getKey()) && source.getValue().size() == 1) {
        continue; // only its one retired entry: nothing to merge
      }
      // a new name every time: the entries it replaces stay until it is complete
      Path target = new Path(dir, RETIRED + cutoff + "-" + java.util.UUID.randomUUID().toString().substring(0, 8)
          + "." + source.getKey() + ".json");
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("job", "retention");
      entry.put("source", source.getKey());
      entry.put("retired_before", cutoff.toString());
      entry.put("files", new ArrayList<>(fingerprints.get(source.getKey()).values()));
      Path temp = new Path(dir, "_" + target.getName() + ".tmp");
      try (OutputStream out = fs.create(temp, true)) {
        out.write(json.writeValueAsString(entry).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
      if (!fs.rename(temp, target)) {
        throw new IOException("could not rename " + temp + " to " + target);
      }
      // only now that the fingerprints are in the new entry do the old entries go
      for (Path p : source.getValue()) {
        if (!p.equals(target)) {
          fs.delete(p, false);
        }
      }
    }
    return compacted;
  }

  private static LocalDate parse(String day) {
    try {
      return day == null ? null : LocalDate.parse(day);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
