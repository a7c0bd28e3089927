package io.crm.jobs.cli;

import io.crm.jobs.ledger.RunLedger;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `crm runs`: the run ledger, newest last. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "Show the run ledger: run id, job, as_of, outcome, start, duration, rows in/out/quarantined, metrics, error.")
public final class RunsCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Spec CommandSpec spec;

  @Option(names = "--last", paramLabel = "N", defaultValue = "20", description = "Show the last N entries (default: ${DEFAULT-VALUE}; 0 for all).")
  int last;

  @Option(names = "--json", description = "One JSON object per line, as stored.")
  boolean json;

  @Override
  public Integer call() {
    if (last < 0) {
      throw new UserException("--last must be 0 or more, got " + last);
    }
    Workspace ws = home.workspace();
    List<RunLedger.Entry> entries = new RunLedger(ws.runs(), ws.hadoopConf()).entries();
    if (last > 0 && entries.size() > last) {
      entries = entries.subList(entries.size() - last, entries.size());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      entries.forEach(e -> out.println(RunLedger.toJson(e)));
    } else if (entries.isEmpty()) {
      out.println("no runs recorded yet");
    } else {
      out.printf("%-24s %-12s %-10s %-11s %-20s %8s %12s %12s %10s  %s%n", "run", "job", "as_of", "outcome", "started", "seconds",
          "rows in", "rows out", "quarant.", "metrics / error");
      for (RunLedger.Entry e : entries) {
        out.printf(Locale.ROOT, "%-24s %-12s %-10s %-11s %-20s %8.1f %12s %12s %10s  %s%n", e.runId(), e.job(),
            e.asOf() == null ? "-" : e.asOf(), e.outcome(), e.startedAt() == null ? "-" : e.startedAt().toString().substring(0, 19),
            e.seconds(), count(e.rowsIn()), count(e.rowsOut()), count(e.rowsQuarantined()),
            e.error() != null ? e.error() : e.metrics() == null ? "" : e.metrics().toString());
      }
    }
    out.flush();
    return ExitCode.OK;
  }

  private static String count(Long n) {
    return n == null || n < 0 ? "-" : String.format(Locale.ROOT, "%,d", n);
  }
}
