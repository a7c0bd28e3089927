package io.crm.jobs.cli;

import io.crm.jobs.pipeline.ClvJobStep;
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
      description = "Backtest instead: fit up to --as-of and print predicted vs actual repeat purchases per week up to this date; gold is not written.")
  String holdoutUntil;

  @Override
  public Integer call() {
    JobContext ctx = home.context(spec);
    LocalDate asOf = asOfOption.resolve(ctx.workspace().config().zone());
    LocalDate until = DateOptions.parse("--holdout-until", holdoutUntil);
    if (until != null && !until.isAfter(asOf)) {
      throw new UserException("--holdout-until " + until + " must be after the as_of date " + asOf);
    }
    new Pipeline(ctx).run(until == null ? "clv" : "clv-backtest", List.of(new ClvJobStep(ctx, until)), asOf);
    return ExitCode.OK;
  }

}
