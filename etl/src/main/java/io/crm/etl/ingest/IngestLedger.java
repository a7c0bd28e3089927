package io.crm.etl.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The ingest part of the run ledger: `warehouse/_runs/ingest/<run_id>.<source>.json`, one JSON
 * object on one line per source and run. DuckDB reads them all with
 * `read_json('warehouse/_runs/ingest/*.json')`. Fields: run_id, job ("ingest"), source,
 * ingest_date, started_at, finished_at, read, loaded, quarantined, duplicates,
 * quarantined_by_reason {code: n}, files_skipped, notes [..], and files [{path, size, sha256,
 * read, loaded, quarantined, duplicates, modified_at}], where path is relative to the workspace for
 * files inside it. A file counts as ingested when some final entry lists its path, size and sha256;
 * one whose path, size and modification time (epoch milliseconds) match an entry is not even hashed.
 *
 * <p>An entry is first written as `_pending.<run_id>.<source>.json` with the partitions the run
 * is about to swap in, and renamed to its final name once they are live; a pending entry found
 * later is the intent of a killed run, which the next run completes.
 */
final class IngestLedger {
  private static final String PENDING = "_pending.";

  private final FileSystem fs;
  private final Path dir;
  private final String home;
  private final ObjectMapper json = new ObjectMapper();

  /** @param home the workspace: files under it are known by their path relative to it */
  IngestLedger(FileSystem fs, Path runsDir, String home) {
    this.fs = fs;
    this.dir = new Path(runsDir, "ingest");
    String h = new Path(home).toUri().getPath();
    this.home = h.endsWith("/") ? h : h + "/";
  }

  /** A publish that was under way: its run, source and the (scratch, live) partition pairs, relative to the warehouse. */
  record Intent(String runId, String source, List<String[]> swaps) {}

  /**
   * What the ledger knows of a source's files: fingerprints (path, size, sha256) and, for the
   * entries that recorded it, the modification time each file had when it was read.
   */
  record Ingested(Set<String> fingerprints, Set<String> unchangedKeys) {
    static final Ingested NONE = new Ingested(Set.of(), Set.of());

    /** Whether a file at this relative path with this size and modification time was ingested as it is. */
    boolean unchanged(String relativePath, long size, long modifiedAt) {
      return unchangedKeys.contains(relativePath + "\u0000" + size + "\u0000" + modifiedAt);
    }
  }

  /** The files already ingested for a source. */
  Ingested ingested(String source) {
    Set<String> out = new HashSet<>();
    Set<String> unchanged = new HashSet<>();
    try {
      if (!fs.exists(dir)) {
        return new Ingested(out, unchanged);
      }
      for (FileStatus s : fs.listStatus(dir)) {
        String name = s.getPath().getName();
        if (name.startsWith("_") || !name.endsWith("." + source + ".json")) {
          continue;
        }
        JsonNode entry;
        try (InputStream in = fs.open(s.getPath())) {
          entry = json.readTree(in);
        }
        if (entry == null || !source.equals(entry.path("source").asText())) {
          continue;
        }
        for (JsonNode f : entry.path("files")) {
          out.add(fingerprint(f.path("path").asText(), f.path("size").asLong(), f.path("sha256").asText()));
          if (f.hasNonNull("modified_at")) {
            unchanged.add(relative(f.path("path").asText()) + "\u0000" + f.path("size").asLong() + "\u0000" + f.path("modified_at").asLong());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the ingest ledger in " + dir + " failed", e);
    }
    return new Ingested(out, unchanged);
  }

  /** A file's identity for skipping: its path relative to the workspace (else as given), size and hash. */
  String fingerprint(String path, long size, String sha256) {
    return relative(path) + "\u0000" + size + "\u0000" + sha256;
  }

  /** The path relative to the workspace if the file lies inside it, else the path as given. */
  String relative(String path) {
    String p = path.contains(":") || path.startsWith("/") ? new Path(path).toUri().getPath() : path;
    return p.startsWith(home) ? p.substring(home.length()) : path;
  }

  /** Writes the entry of a source as pending, with the partitions it is about to swap in. */
  void writeIntent(String runId, LocalDate ingestDate, Instant started, SourceResult r, List<Path[]> swaps, Path warehouse) {
    Map<String, Object> entry = entry(runId, ingestDate, started, r);
    List<Map<String, String>> pairs = new java.util.ArrayList<>();
    String base = warehouse.toUri().getPath();
    for (Path[] swap : swaps) {
      pairs.add(Map.of("staged", under(base, swap[0]), "live", under(base, swap[1])));
    }
    entry.put("swaps", pairs);
    write(entry, new Path(dir, PENDING + runId + "." + r.source() + ".json"));
  }

  /** Makes a pending entry final: from now on its files count as ingested. */
  void complete(String runId, String source) {
    Path pending = new Path(dir, PENDING + runId + "." + source + ".json");
    Path target = new Path(dir, runId + "." + source + ".json");
    try {
      if (fs.exists(pending) && !fs.rename(pending, target)) {
        throw new IOException("could not rename " + pending + " to " + target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("completing the ingest ledger entry " + target + " failed", e);
    }
  }

  /** Pending entries that killed runs left, oldest first. */
  List<Intent> pendingIntents() {
    List<Intent> out = new java.util.ArrayList<>();
    try {
      if (!fs.exists(dir)) {
        return out;
      }
      List<FileStatus> files = new java.util.ArrayList<>(List.of(fs.listStatus(dir)));
      files.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
      for (FileStatus s : files) {
        if (!s.getPath().getName().startsWith(PENDING)) {
          continue;
        }
        JsonNode entry;
        try (InputStream in = fs.open(s.getPath())) {
          entry = json.readTree(in);
        }
        List<String[]> swaps = new java.util.ArrayList<>();
        for (JsonNode sw : entry.path("swaps")) {
          swaps.add(new String[] {sw.path("staged").asText(), sw.path("live").asText()});
        }
        out.add(new Intent(entry.path("run_id").asText(), entry.path("source").asText(), swaps));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading pending ingest entries in " + dir + " failed", e);
    }
    return out;
  }

  private static String under(String base, Path p) {
    String s = p.toUri().getPath();
    String b = base.endsWith("/") ? base : base + "/";
    if (!s.startsWith(b)) {
      throw new IllegalArgumentException(s + " is not inside the warehouse " + base);
    }
    return s.substring(b.length());
  }

  private Map<String, Object> entry(String runId, LocalDate ingestDate, Instant started, SourceResult r) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("run_id", runId);
    entry.put("job", "ingest");
    entry.put("source", r.source());
    entry.put("ingest_date", ingestDate.toString());
    entry.put("started_at", started.toString());
    entry.put("finished_at", Instant.now().toString());
    entry.put("read", r.read());
    entry.put("loaded", r.loaded());
    entry.put("quarantined", r.quarantined());
    entry.put("duplicates", r.duplicates());
    entry.put("erased", r.erased());
    entry.put("anonymous", r.anonymous());
    entry.put("quarantined_by_reason", r.quarantinedByReason());
    entry.put("files_skipped", r.filesSkipped());
    entry.put("notes", r.notes());
    List<Map<String, Object>> files = new java.util.ArrayList<>();
    for (SourceResult.FileResult f : r.files()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", relative(f.path()));
      m.put("size", f.size());
      m.put("modified_at", f.modifiedAt());
      m.put("sha256", f.sha256());
      m.put("read", f.read());
      m.put("loaded", f.loaded());
      m.put("quarantined", f.quarantined());
      m.put("duplicates", f.duplicates());
      m.put("erased", f.erased());
      files.add(m);
    }
    entry.put("files", files);
    return entry;
  }

  private void write(Map<String, Object> entry, Path target) {
    Path temp = new Path(dir, "_" + target.getName() + ".tmp");
    try {
      fs.mkdirs(dir);
      try (OutputStream out = fs.create(temp, true)) {
        out.write(json.writeValueAsString(entry).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
      if (!fs.rename(temp, target)) {
        throw new IOException("could not rename " + temp + " to " + target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the ingest ledger entry " + target + " failed", e);
    }
  }

}
