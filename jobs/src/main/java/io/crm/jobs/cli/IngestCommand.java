package io.crm.jobs.cli;

import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.pipeline.Pipeline;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.crm.jobs.pipeline.IngestStep;
import java.time.LocalDate;

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

  @Option(names = "--reprocess-quarantine",
      description = "Read again the files that quarantined rows came from, under the current crm.yaml: rows that parse now move to bronze.")
  boolean reprocessQuarantine;

  @Option(names = "--json", description = "Print the counts as JSON.")
  boolean json;

  @Option(
      names = "--ingest-date",
      paramLabel = "DATE",
      description = "Partition to write (yyyy-MM-dd). Default: today in crm.yaml's timezone.")
  String ingestDate;

  @Override
  public Integer call() {
    if (reprocessQuarantine && (force || path != null)) {
      throw new UserException("--reprocess-quarantine reads the files quarantined rows came from; it takes neither --force nor --path");
    }
    JobContext ctx = home.context(spec);
    Pipeline pipeline = new Pipeline(ctx);
    IngestStep step = new IngestStep(ctx, new IngestStep.Options(source, path, force, json, DateOptions.parse("--ingest-date", ingestDate), reprocessQuarantine));
    pipeline.run("ingest", List.of(step), LocalDate.now(ctx.workspace().config().zone()));
    return ExitCode.OK;
  }
}
