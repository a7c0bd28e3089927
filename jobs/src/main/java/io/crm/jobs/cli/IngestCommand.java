package io.crm.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.etl.ingest.Ingest;
import io.crm.etl.ingest.IngestRequest;
import io.crm.etl.ingest.IngestResult;
import io.crm.etl.ingest.PublishHook;
import io.crm.etl.ingest.SourceResult;
import io.crm.etl.source.SourceConfig;
import io.crm.etl.source.SourceConfigParser;
import io.crm.jobs.spark.SparkSessions;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `crm ingest`: landing files to bronze for every configured source (or one). */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Loads landing files into warehouse/bronze/<source>/ingest_date=<day>/ (rejected records to",
      "warehouse/quarantine/), skipping files already ingested; prints read = loaded + quarantined + duplicates."
    })
public final class IngestCommand implements Callable<Integer> {
  @Mixin HomeOptions home;

  @Spec CommandSpec spec;

  @Option(names = "--source", paramLabel = "NAME", description = "Only this source (a key under `sources:` in crm.yaml).")
  String source;

  @Option(names = "--path", paramLabel = "FILE", description = "Read this file (or glob) instead of the source's configured path, for this run.")
  String path;

  @Option(names = "--force", description = "Re-read files already ingested (same path, size and content hash).")
  boolean force;

  @Option(names = "--json", description = "Print the counts as JSON.")
  boolean json;

  @Option(
      names = "--ingest-date",
      paramLabel = "DATE",
      description = "Partition to write (yyyy-MM-dd). Default: today in crm.yaml's timezone.")
  LocalDate ingestDate;

  @Override
  public Integer call() {
    Workspace ws = home.workspace();
    Map<String, SourceConfig> all;
    try {
      all = SourceConfigParser.parse(ws.config().sources());
    } catch (IllegalArgumentException e) {
      throw new UserException(ws.config().file() + ": " + e.getMessage(), e);
    }
    List<SourceConfig> chosen = choose(all);
    LocalDate day = ingestDate != null ? ingestDate : LocalDate.now(zone(ws));
    var spark = SparkSessions.getOrCreate("crm ingest");
    IngestResult result =
        new Ingest(spark, ws.home().toString(), ws.warehouse().toString(), day, PublishHook.NONE)
            .run(new IngestRequest(chosen, force), r -> progress(r));
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? json(result) + "\n" : text(result));
    out.flush();
    return ExitCode.OK;
  }

  private List<SourceConfig> choose(Map<String, SourceConfig> all) {
    if (all.isEmpty()) {
      throw new UserException("crm.yaml has no sources: nothing to ingest");
    }
    List<SourceConfig> chosen = new ArrayList<>(all.values());
    if (source != null) {
      SourceConfig c = all.get(source);
      if (c == null) {
        throw new UserException("unknown source '" + source + "' (crm.yaml has " + String.join(", ", all.keySet()) + ")");
      }
      chosen = List.of(c);
    }
    if (path != null) {
      if (chosen.size() != 1) {
        throw new UserException("--path " + path + " needs --source NAME (crm.yaml has " + all.size() + " sources)");
      }
      String p = path.contains("://") ? path : Path.of(path).toAbsolutePath().normalize().toString();
      chosen = List.of(chosen.get(0).withPath(p));
    }
    return chosen;
  }

  private static ZoneId zone(Workspace ws) {
    String z = ws.config().string("timezone", "UTC");
    try {
      return ZoneId.of(z);
    } catch (DateTimeException e) {
      throw new UserException(ws.config().file() + ": timezone: unknown time zone '" + z + "'", e);
    }
  }

  /** One line on stderr per finished source, so a long run shows where it is. */
  private void progress(SourceResult r) {
    PrintWriter err = spec.commandLine().getErr();
    err.printf(Locale.ROOT, "  ingest: %s done, %,d rows read in %.1f s%n", r.source(), r.read(), r.seconds());
    err.flush();
  }

  static String text(IngestResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("ingest ").append(r.runId()).append(" -> ingest_date=").append(r.ingestDate()).append('\n');
    for (SourceResult s : r.sources()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-14s read %,d = loaded %,d + quarantined %,d + duplicates %,d   (%d file%s read, %d skipped as already ingested, %.1f s)%n",
              s.source(), s.read(), s.loaded(), s.quarantined(), s.duplicates(), s.filesRead(),
              s.filesRead() == 1 ? "" : "s", s.filesSkipped(), s.seconds()));
      if (!s.quarantinedByReason().isEmpty()) {
        sb.append("               quarantined: ");
        List<String> parts = new ArrayList<>();
        s.quarantinedByReason().forEach((k, v) -> parts.add(k + " " + String.format(Locale.ROOT, "%,d", v)));
        sb.append(String.join(", ", parts)).append('\n');
      }
      for (String note : s.notes()) {
        sb.append("               note: ").append(note).append('\n');
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
      m.put("quarantined_by_reason", s.quarantinedByReason());
      m.put("files_read", s.filesRead());
      m.put("files_skipped", s.filesSkipped());
      m.put("notes", s.notes());
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
