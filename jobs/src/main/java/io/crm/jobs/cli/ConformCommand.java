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
import io.crm.jobs.pipeline.ConformStep;
import java.time.LocalDate;

/** `crm conform`: bronze -> silver for every source in crm.yaml (see io.crm.etl.conform.Conform). */
@Command(
    name = "conform",
    mixinStandardHelpOptions = true,
    description = {
      "Builds the silver tables (customers, identities, orders, order_lines, products, sessions,",
      "page_views, contacts, survey_responses) from bronze, rebuilding them completely and",
      "publishing them together."
    })
public final class ConformCommand implements Callable<Integer> {
  @Mixin HomeOptions home;

  @Spec CommandSpec spec;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "Use only bronze ingested up to this date (yyyy-MM-dd). Default: everything ingested.")
  LocalDate asOf;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    JobContext ctx = home.context(spec);
    LocalDate day = asOf != null ? asOf : LocalDate.now(ctx.workspace().config().zone());
    new Pipeline(ctx).run("conform", List.of(new ConformStep(ctx, asOf, json)), day);
    return ExitCode.OK;
  }
}
