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
 * object on one line per source and run, written (temp file + rename) right after that source's
 * bronze is published. DuckDB reads them all with `read_json('warehouse/_runs/ingest/*.json')`.
 * Fields: run_id, job ("ingest"), source, ingest_date, started_at, finished_at, read, loaded,
 * quarantined, duplicates, quarantined_by_reason {code: n}, files_skipped, notes [..], and files
 * [{path, size, sha256, read, loaded, quarantined, duplicates}]. A file counts as ingested when
 * some entry lists its path, size and sha256.
 */
final class IngestLedger {
  private final FileSystem fs;
  private final Path dir;
  private final ObjectMapper json = new ObjectMapper();

  IngestLedger(FileSystem fs, Path runsDir) {
    this.fs = fs;
    this.dir = new Path(runsDir, "ingest");
  }

  /** Fingerprints (path, size, sha256) of the files already ingested for a source. */
  Set<String> ingested(String source) {
    Set<String> out = new HashSet<>();
    try {
      if (!fs.exists(dir)) {
        return out;
      }
      for (FileStatus s : fs.listStatus(dir)) {
        String name = s.getPath().getName();
        if (!name.endsWith("." + source + ".json")) {
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
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the ingest ledger in " + dir + " failed", e);
    }
    return out;
  }

  static String fingerprint(String path, long size, String sha256) {
    return path + "\u0000" + size + "\u0000" + sha256;
  }

  void record(String runId, LocalDate ingestDate, Instant started, SourceResult r) {
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
    entry.put("quarantined_by_reason", r.quarantinedByReason());
    entry.put("files_skipped", r.filesSkipped());
    entry.put("notes", r.notes());
    entry.put("files", r.files());
    Path target = new Path(dir, runId + "." + r.source() + ".json");
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
