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
import io.crm.jobs.pipeline.ChurnSteps;

/** `crm churn train`: trains, evaluates and stores the churn model as of a date. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the churn model as of a date: label = no purchase in the churn.horizon_days after a cutoff that many days back,",
      "among customers who bought in the churn.active_days up to the cutoff; features only from data up to the cutoff.",
      "Cross-validates logistic regression and gradient-boosted trees, keeps the best, compares it with P(alive) alone,",
      "stores it under warehouse/gold/churn_models/<as_of>/ and its metrics in gold churn_model_metrics."
    })
public final class ChurnTrainCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Mixin AsOfOption asOfOption;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JobContext ctx = home.context(spec);
    new Pipeline(ctx).run("churn train", List.of(new ChurnSteps.Train(ctx)), asOfOption.resolve(ctx.workspace().config().zone()));
    return ExitCode.OK;
  }
}
