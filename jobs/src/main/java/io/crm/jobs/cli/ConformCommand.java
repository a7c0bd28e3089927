package io.crm.jobs.cli;

import io.crm.jobs.pipeline.ConformStep;
import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.pipeline.Pipeline;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `crm conform`: bronze -> silver for every source in crm.yaml (see io.crm.etl.conform.Conform). */
@Command(
    name = "conform",
    mixinStandardHelpOptions = true,
    description = {
      "Builds the silver tables (customers, identities, orders, order_lines, products, sessions,",
      "page_views, contacts, survey_responses) from bronze and publishes them together. Only the",
      "bronze files that arrived since the last conform are staged; sessions and orders are built",
      "again only where new rows or a merge of persons changed them (--full-refresh: everything).",
      "A run that would replace a non-empty silver table with an empty one stops with exit code 3",
      "unless --force is given."
    })
public final class ConformCommand implements Callable<Integer> {
  @Mixin HomeOptions home;

  @Spec CommandSpec spec;

  @Option(
      names = "--ingested-until",
      paramLabel = "DATE",
      description = "Use only bronze partitions ingested up to this date (yyyy-MM-dd, the ingest date, not a business date). Default: everything ingested.")
  String ingestedUntil;

  /** The old name, which read as a business date; kept only to say what it became. */
  @Option(names = "--as-of", hidden = true, paramLabel = "DATE")
  String oldAsOf;

  @Option(names = "--force", description = "Publish even when a silver table that has rows would become empty.")
  boolean force;

  @Option(
      names = "--full-refresh",
      description = "Stage all of bronze again and build every session and order anew, not only what the bronze files that arrived since the last conform change.")
  boolean fullRefresh;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    if (oldAsOf != null) {
      throw new UserException("conform --as-of is now --ingested-until: it filters bronze by the day rows were ingested, "
          + "not by business date (use --ingested-until " + oldAsOf + " if that is what you meant)");
    }
    LocalDate until = DateOptions.parse("--ingested-until", ingestedUntil);
    JobContext ctx = home.context(spec);
    LocalDate day = until != null ? until : LocalDate.now(ctx.workspace().config().zone());
    new Pipeline(ctx).run("conform", List.of(new ConformStep(ctx, until, force, fullRefresh, json)), day);
    return ExitCode.OK;
  }
}
