package io.crm.jobs.cli;

import io.crm.analytics.churn.ChurnScoring;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Workspace ws = home.workspace();
    ChurnTrainCommand.Steps s = ChurnTrainCommand.Steps.open(ws, "crm churn score");
    ChurnScoring.Result r = new ChurnScoring(s.spark(), s.gold(), s.features(), s.store(), s.training(), s.params())
        .run(asOfOption.resolve(ws.config().zone()));
    PrintWriter out = spec.commandLine().getOut();
    if (r.retrained() != null) {
      ChurnTrainCommand.print(out, r.retrained());
    }
    out.printf(Locale.ROOT, "churn scores as of %s: %,d customers with model %s%s (%s)%n", r.asOf(), r.customers(),
        r.modelVersion(), r.retrained() != null ? " (retrained now)" : " (trained " + r.modelDate() + ")", r.path());
    out.printf(Locale.ROOT, "  risk bands (Low < %.2f <= Medium < %.2f <= High):%n", s.params().mediumFrom(), s.params().highFrom());
    r.bands().forEach((band, n) -> out.printf(Locale.ROOT, "    %-7s %,9d  %5.1f%%%n", band, n, 100.0 * n / Math.max(1, r.customers())));
    r.notes().forEach(n -> out.printf("  note: %s%n", n));
    out.printf(Locale.ROOT, "  %.1f s%n", r.seconds());
    out.flush();
    return ExitCode.OK;
  }
}
