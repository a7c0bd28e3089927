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

/** `crm churn score`: nightly churn scores with the latest model (retrained when due). */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Score churn as of a date with the newest stored model, retraining first when there is none or it is",
      "churn.retrain_days (default 7) old; writes gold churn_scores (churn_probability, risk band, model version)",
      "for the customers who bought in the last churn.active_days."
    })
public final class ChurnScoreCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Mixin AsOfOption asOfOption;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JobContext ctx = home.context(spec);
    new Pipeline(ctx).run("churn score", List.of(new ChurnSteps.Score(ctx)), asOfOption.resolve(ctx.workspace().config().zone()));
    return ExitCode.OK;
  }
}
