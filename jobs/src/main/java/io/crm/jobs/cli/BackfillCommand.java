package io.crm.jobs.cli;

import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.pipeline.Pipeline;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `crm backfill`: the nightly graph for a range of past days, resuming after the last day it committed. */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Run the nightly graph for every day from --from to --to in order, one commit per day.",
      "Days that already have a successful night in the run ledger are skipped, so a run that was",
      "stopped or killed resumes where it stopped when given the same range again."
    })
public final class BackfillCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Spec CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "DATE", description = "First as_of day (yyyy-MM-dd).")
  String fromText;

  @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last as_of day (yyyy-MM-dd).")
  String toText;

  @Option(names = "--redo", description = "Run days that already succeeded again.")
  boolean redo;

  @Override
  public Integer call() {
    LocalDate from = DateOptions.parse("--from", fromText);
    LocalDate to = DateOptions.parse("--to", toText);
    if (to.isBefore(from)) {
      throw new UserException("--to " + to + " is before --from " + from);
    }
    JobContext ctx = home.context(spec);
    Pipeline pipeline = new Pipeline(ctx);
    List<LocalDate> days = new ArrayList<>();
    int done = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (!redo && pipeline.ledger().succeeded(Pipeline.NIGHT, d)) {
        done++;
      } else {
        days.add(d);
      }
    }
    PrintWriter out = ctx.out();
    out.printf("backfill %s .. %s: %d days to run%s%n", from, to, days.size(), done > 0 ? ", " + done + " already done (skipped)" : "");
    out.flush();
    if (days.isEmpty()) {
      return ExitCode.OK;
    }
    try {
      pipeline.runDays("backfill", pipeline.nightly(), days, true);
    } finally {
      pipeline.printTimings(out);
    }
    return ExitCode.OK;
  }
}
