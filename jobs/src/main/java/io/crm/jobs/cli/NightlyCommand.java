package io.crm.jobs.cli;

import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.pipeline.Pipeline;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `crm nightly`: the whole job graph for one as_of date, or for every day missed; what a scheduler calls. */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
      "Run ingest, conform, segment, clv, churn score and cubes, committing each day's silver and gold together.",
      "Without --as-of: every day since the last successful night up to yesterday (catch-up), else yesterday."
    })
public final class NightlyCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Spec CommandSpec spec;

  @Option(names = "--as-of", paramLabel = "DATE", description = "Run for this day only (yyyy-MM-dd).")
  String asOfText;

  @Override
  public Integer call() {
    LocalDate asOf = DateOptions.parse("--as-of", asOfText);
    JobContext ctx = home.context(spec);
    Pipeline pipeline = new Pipeline(ctx);
    PrintWriter out = ctx.out();
    List<LocalDate> days = asOf != null
        ? List.of(asOf)
        : missedDays(pipeline.ledger().lastSuccess(Pipeline.NIGHT), LocalDate.now(ctx.workspace().config().zone()).minusDays(1));
    if (days.isEmpty()) {
      out.printf("nightly: nothing to do, the last successful night is already %s%n", pipeline.ledger().lastSuccess(Pipeline.NIGHT).orElseThrow());
      out.flush();
      return ExitCode.OK;
    }
    out.printf("nightly run for %s in %s%n", days.size() == 1 ? days.get(0) : days.size() + " days, " + days.get(0) + " .. " + days.get(days.size() - 1),
        ctx.workspace().home());
    out.flush();
    try {
      pipeline.runDays("nightly", pipeline.nightly(), days, true);
    } finally {
      pipeline.printTimings(out);
    }
    return ExitCode.OK;
  }

  /** The days after the last successful night up to {@code yesterday}; just yesterday when none succeeded yet. */
  static List<LocalDate> missedDays(Optional<LocalDate> last, LocalDate yesterday) {
    List<LocalDate> days = new ArrayList<>();
    LocalDate from = last.map(d -> d.plusDays(1)).orElse(yesterday);
    for (LocalDate d = from; !d.isAfter(yesterday); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }
}
