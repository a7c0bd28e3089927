package io.crm.jobs.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.etl.ingest.IngestResult;
import io.crm.etl.ingest.SourceResult;
import io.crm.etl.source.SourceConfig;
import io.crm.jobs.cli.UserException;
import io.crm.jobs.workspace.Workspace;
import io.crm.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The per-source quality gates of crm.yaml, checked after each ingest:
 *
 * <pre>
 * sources:
 *   shop:
 *     quality: {max_quarantine_share: 0.05, min_rows_vs_previous: 0.5, require_files: true, on_fail: fail}
 * </pre>
 *
 * A gate is broken when more than the share of the rows read went to quarantine, when fewer rows
 * arrived than the share of the source's previous ingest, or when no new file arrived at all.
 * {@code on_fail: warn} (the default) reports it; {@code fail} stops the night with exit code 5.
 */
public final class QualityGates {
  private static final Set<String> KEYS = Set.of("max_quarantine_share", "min_rows_vs_previous", "require_files", "on_fail");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One source's gate. */
  record Gate(String source, Double maxQuarantineShare, Double minRowsVsPrevious, boolean requireFiles, boolean fail) {}

  /** Broken gates, split by what they do. */
  record Verdict(List<String> warnings, List<String> failures) {
    String text() {
      StringBuilder sb = new StringBuilder();
      warnings.forEach(w -> sb.append("quality gate warning: ").append(w).append('\n'));
      failures.forEach(f -> sb.append("quality gate FAILED: ").append(f).append('\n'));
      return sb.toString();
    }
  }

  private final Map<String, Gate> gates;

  private QualityGates(Map<String, Gate> gates) {
    this.gates = gates;
  }

  /** The gates of the chosen sources, validated; a bad key or value is a user error naming it. */
  static QualityGates of(Workspace ws, List<SourceConfig> sources) {
    Map<String, Gate> gates = new LinkedHashMap<>();
    Map<String, Map<String, Object>> raw = ws.config().sources();
    for (SourceConfig source : sources) {
      Object q = raw.getOrDefault(source.name(), Map.of()).get("quality");
      if (q == null) {
        continue;
      }
      String at = ws.config().file() + ": sources." + source.name() + ".quality";
      if (!(q instanceof Map<?, ?> m)) {
        throw new UserException(at + " must be a mapping, got '" + q + "'");
      }
      for (Object k : m.keySet()) {
        if (!KEYS.contains(String.valueOf(k))) {
          throw new UserException(at + ": unknown key '" + k + "' (valid: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
        }
      }
      Object onFail = m.get("on_fail");
      if (onFail != null && !Set.of("warn", "fail").contains(onFail.toString())) {
        throw new UserException(at + ".on_fail must be warn or fail, got '" + onFail + "'");
      }
      Object require = m.get("require_files");
      if (require != null && !(require instanceof Boolean)) {
        throw new UserException(at + ".require_files must be true or false, got '" + require + "'");
      }
      gates.put(source.name(), new Gate(source.name(), share(at + ".max_quarantine_share", m.get("max_quarantine_share")),
          share(at + ".min_rows_vs_previous", m.get("min_rows_vs_previous")), Boolean.TRUE.equals(require),
          "fail".equals(String.valueOf(onFail))));
    }
    return new QualityGates(gates);
  }

  /** Rows read by the newest earlier ingest of each gated source, from the ingest ledger (wherever the warehouse is). */
  Map<String, Long> previousReads(Warehouse warehouse) {
    Map<String, Long> out = new HashMap<>();
    Map<String, String> newest = new HashMap<>();
    Path dir = new Path(warehouse.runs(), "ingest");
    if (gates.isEmpty()) {
      return out;
    }
    try {
      FileSystem fs = dir.getFileSystem(warehouse.hadoopConf());
      if (!fs.isDirectory(dir)) {
        return out;
      }
      for (FileStatus f : fs.listStatus(dir)) {
        String name = f.getPath().getName();
        if (name.startsWith("_") || !name.endsWith(".json")) {
          continue;
        }
        JsonNode e;
        try (InputStream in = fs.open(f.getPath())) {
          e = JSON.readTree(in);
        }
        String source = e.path("source").asText();
        String runId = e.path("run_id").asText();
        if (gates.containsKey(source) && runId.compareTo(newest.getOrDefault(source, "")) > 0) {
          newest.put(source, runId);
          out.put(source, e.path("read").asLong());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the ingest ledger in " + dir + " failed", e);
    }
    return out;
  }

  Verdict check(IngestResult result, Map<String, Long> previousReads) {
    List<String> warnings = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (SourceResult s : result.sources()) {
      Gate g = gates.get(s.source());
      if (g == null) {
        continue;
      }
      List<String> broken = new ArrayList<>();
      if (g.requireFiles() && s.filesRead() == 0) {
        broken.add(s.source() + ": no new file arrived");
      }
      if (g.maxQuarantineShare() != null && s.read() > 0 && (double) s.quarantined() / s.read() > g.maxQuarantineShare()) {
        broken.add(String.format(Locale.ROOT, "%s: %.1f %% of %,d rows quarantined (at most %.1f %% allowed)", s.source(),
            100.0 * s.quarantined() / s.read(), s.read(), 100 * g.maxQuarantineShare()));
      }
      Long before = previousReads.get(s.source());
      if (g.minRowsVsPrevious() != null && before != null && before > 0 && s.filesRead() > 0
          && s.read() < g.minRowsVsPrevious() * before) {
        broken.add(String.format(Locale.ROOT, "%s: %,d rows read, below %.0f %% of the previous ingest's %,d", s.source(), s.read(),
            100 * g.minRowsVsPrevious(), before));
      }
      (g.fail() ? failures : warnings).addAll(broken);
    }
    return new Verdict(List.copyOf(warnings), List.copyOf(failures));
  }

  private static Double share(String at, Object v) {
    if (v == null) {
      return null;
    }
    double d;
    try {
      d = Double.parseDouble(v.toString());
    } catch (NumberFormatException e) {
      throw new UserException(at + " must be a number between 0 and 1, got '" + v + "'");
    }
    if (!(d >= 0 && d <= 1)) {
      throw new UserException(at + " must be between 0 and 1, got '" + v + "'");
    }
    return d;
  }

  /** Whether crm.yaml gives the source a quality gate. */
  boolean has(String source) {
    return gates.containsKey(source);
  }

  /** The settings of a source's {@code quality:}. */
  public static Set<String> keys() {
    return KEYS;
  }
}
