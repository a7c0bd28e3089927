package io.crm.jobs.cli;

import io.crm.jobs.pipeline.ClvJobStep;
import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.pipeline.Pipeline;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `crm clv`: without a subcommand, the warehouse job (gold clv and clv_models as of a date, see
 * {@link ClvStep}); `crm clv fit --summary FILE` fits a prepared summary file.
 */
@Command(
    name = "clv",
    mixinStandardHelpOptions = true,
    description = {
      "Customer lifetime value: BG/NBD or Pareto/NBD purchases, Gamma-Gamma spend.",
      "Without a subcommand: fit on silver orders up to --as-of and write gold clv and clv_models (settings: clv: in crm.yaml)."
    },
    subcommands = {ClvFitCommand.class})
public final class ClvCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Mixin AsOfOption asOfOption;
  @Spec CommandSpec spec;

  @Option(names = "--holdout-until", paramLabel = "DATE",
      description = "Also print predicted vs actual repeat purchases per week from --as-of to this date (backtest).")
  String holdoutUntil;

  @Override
  public Integer call() {
    JobContext ctx = home.context(spec);
    LocalDate until = holdoutUntil == null ? null : date(holdoutUntil);
    new Pipeline(ctx).run("clv", List.of(new ClvJobStep(ctx, until)), asOfOption.resolve(ctx.workspace().config().zone()));
    return ExitCode.OK;
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UserException("--holdout-until must be a date like 2025-12-31, got '" + text + "'");
    }
  }
}
