package io.crm.jobs.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.etl.ingest.Ingest;
import io.crm.etl.ingest.IngestRequest;
import io.crm.etl.ingest.IngestResult;
import io.crm.etl.ingest.PublishHook;
import io.crm.etl.ingest.SourceResult;
import io.crm.etl.source.SourceConfig;
import io.crm.etl.source.SourceConfigParser;
import io.crm.jobs.cli.UserException;
import io.crm.jobs.gdpr.Tombstones;
import io.crm.jobs.workspace.Workspace;
import io.crm.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Landing files -> bronze and quarantine for the configured sources, then the quality gates. */
public final class IngestStep implements Step {
  /** What `crm ingest` may narrow or change. */
  public record Options(
      String source, String path, boolean force, boolean json, LocalDate ingestDate, boolean reprocessQuarantine) {
    public static final Options DEFAULT = new Options(null, null, false, false, null, false);
  }

  private final JobContext ctx;
  private final Options options;

  public IngestStep(JobContext ctx, Options options) {
    this.ctx = ctx;
    this.options = options;
  }

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public List<String> inputs() {
    return List.of("landing/*");
  }

  @Override
  public List<String> outputs() {
    return List.of("bronze/*", "quarantine/*");
  }

  @Override
  public boolean dated() {
    return false;
  }

  @Override
  public StepResult run(Warehouse warehouse, LocalDate asOf) {
    Workspace ws = ctx.workspace();
    Map<String, SourceConfig> all;
    try {
      all = SourceConfigParser.parse(ws.config().sources());
    } catch (IllegalArgumentException e) {
      throw new UserException(ws.config().file() + ": " + e.getMessage(), e);
    }
    List<SourceConfig> chosen = choose(ws, all);
    QualityGates gates = QualityGates.of(ws, chosen);
    LocalDate day = options.ingestDate() != null ? options.ingestDate() : LocalDate.now(ws.config().zone());
    Map<String, Long> previousReads = gates.previousReads(warehouse);
    IngestResult result = new Ingest(ctx.spark(), ws.home().toString(), warehouse, day, PublishHook.NONE, Tombstones.forIngest(ws))
        .run(new IngestRequest(chosen, options.force(), options.reprocessQuarantine()),
            r -> ctx.progress(String.format(Locale.ROOT, "ingest: %s done, %,d rows read in %.1f s", r.source(), r.read(), r.seconds())));
    long read = 0, loaded = 0, quarantined = 0, erased = 0;
    for (SourceResult s : result.sources()) {
      read += s.read();
      loaded += s.loaded();
      quarantined += s.quarantined();
      erased += s.erased();
    }
    QualityGates.Verdict verdict = gates.check(result, previousReads);
    String text = options.json() ? json(result) + "\n" : text(result) + verdict.text();
    if (options.json() && !verdict.text().isEmpty()) {
      ctx.err().print(verdict.text());
      ctx.err().flush();
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("run_id", result.runId());
    metrics.put("gate_warnings", verdict.warnings());
    metrics.put("erased", erased);
    StepResult out = new StepResult(text, read, loaded, quarantined, metrics);
    if (!verdict.failures().isEmpty()) {
      ctx.out().print(text);
      ctx.out().flush();
      throw new QualityGateException("quality gate failed: " + String.join("; ", verdict.failures()));
    }
    List<String> refused = refused(result, gates, ws);
    if (!refused.isEmpty()) {
      ctx.out().print(text);
      ctx.out().flush();
      throw new UserException(refused.size() + (refused.size() == 1 ? " file" : " files")
          + " refused as a whole, nothing of them read or recorded (fix the file or crm.yaml and run ingest again): "
          + String.join("; ", refused));
    }
    return out;
  }

  /**
   * The refused files, each as "source: file: reason", after the other files were published. A
   * glob matching no file is left to the source's quality gate when it has one (require_files).
   */
  private static List<String> refused(IngestResult result, QualityGates gates, Workspace ws) {
    List<String> out = new ArrayList<>();
    for (SourceResult s : result.sources()) {
      for (SourceResult.RefusedFile f : s.refused()) {
        if (f.reason().equals(SourceResult.NO_FILE) && gates.has(s.source())) {
          continue;
        }
        out.add(s.source() + ": " + relative(ws, f.path()) + ": " + f.reason());
      }
    }
    return out;
  }

  private static String relative(Workspace ws, String path) {
    String home = ws.home().toAbsolutePath().normalize().toUri().getPath();
    String p = path.startsWith("file:") ? java.net.URI.create(path).getPath() : path;
    return p != null && p.startsWith(home) ? p.substring(home.length()) : path;
  }

  private List<SourceConfig> choose(Workspace ws, Map<String, SourceConfig> all) {
    if (all.isEmpty()) {
      throw new UserException("crm.yaml has no sources: nothing to ingest");
    }
    List<SourceConfig> chosen = new ArrayList<>(all.values());
    if (options.source() != null) {
      SourceConfig c = all.get(options.source());
      if (c == null) {
        throw new UserException("unknown source '" + options.source() + "' (crm.yaml has " + String.join(", ", all.keySet()) + ")");
      }
      chosen = List.of(c);
    }
    if (options.path() != null) {
      if (chosen.size() != 1) {
        throw new UserException("--path " + options.path() + " needs --source NAME (crm.yaml has " + all.size() + " sources)");
      }
      chosen = List.of(chosen.get(0).withPath(workspacePath(ws, options.path())));
    }
    return chosen;
  }

  /**
   * A relative --path is resolved against the workspace, like every path in crm.yaml, so the same
   * command works from any folder; a file that exists only relative to the current folder is named
   * in the error, since that is the likely intent.
   */
  private static String workspacePath(Workspace ws, String given) {
    if (given.contains("://") || Path.of(given).isAbsolute()) {
      return given;
    }
    Path inHome = ws.home().resolve(given).normalize();
    boolean glob = given.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    if (!glob && !Files.exists(inHome)) {
      Path here = Path.of(given).toAbsolutePath().normalize();
      throw new UserException("--path " + given + ": no file " + inHome + " (a relative --path is resolved against the workspace"
          + (Files.exists(here) ? "; to read " + here + " give that absolute path)" : ")"));
    }
    return inHome.toString();
  }

  static String text(IngestResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("ingest ").append(r.runId()).append(" -> ingest_date=").append(r.ingestDate()).append('\n');
    for (SourceResult s : r.sources()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-14s read %,d = loaded %,d + quarantined %,d + duplicates %,d%s   (%d file%s read, %d skipped as already ingested, %.1f s)%n",
              s.source(), s.read(), s.loaded(), s.quarantined(), s.duplicates(),
              s.erased() > 0 ? String.format(Locale.ROOT, " + erased %,d", s.erased()) : "", s.filesRead(),
              s.filesRead() == 1 ? "" : "s", s.filesSkipped(), s.seconds()));
      if (s.anonymous() > 0) {
        sb.append(String.format(Locale.ROOT, "               anonymous: %,d loaded rows have neither customer id nor e-mail (sales, not customers)%n", s.anonymous()));
      }
      if (!s.quarantinedByReason().isEmpty()) {
        sb.append("               quarantined: ");
        List<String> parts = new ArrayList<>();
        s.quarantinedByReason().forEach((k, v) -> parts.add(k + " " + String.format(Locale.ROOT, "%,d", v)));
        sb.append(String.join(", ", parts)).append('\n');
      }
      for (String note : s.notes()) {
        sb.append("               note: ").append(note).append('\n');
      }
      for (SourceResult.RefusedFile f : s.refused()) {
        sb.append("               refused: ").append(f.path()).append(": ").append(f.reason()).append('\n');
      }
    }
    return sb.toString();
  }

  static String json(IngestResult r) {
    List<Map<String, Object>> sources = new ArrayList<>();
    for (SourceResult s : r.sources()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", s.source());
      m.put("read", s.read());
      m.put("loaded", s.loaded());
      m.put("quarantined", s.quarantined());
      m.put("duplicates", s.duplicates());
      m.put("erased", s.erased());
      m.put("anonymous", s.anonymous());
      m.put("quarantined_by_reason", s.quarantinedByReason());
      m.put("files_read", s.filesRead());
      m.put("files_skipped", s.filesSkipped());
      m.put("notes", s.notes());
      m.put("refused", s.refused().stream().map(f -> Map.of("path", f.path(), "reason", f.reason())).toList());
      m.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
      sources.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("sources", sources);
    root.put("run_id", r.runId());
    root.put("ingest_date", r.ingestDate().toString());
    try {
      return new ObjectMapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the ingest result as JSON", e);
    }
  }
}
