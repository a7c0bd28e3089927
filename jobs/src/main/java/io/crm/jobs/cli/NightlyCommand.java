package io.crm.jobs.cli;

import io.crm.jobs.ledger.RunLedger;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `crm nightly`: every job for one as_of date, in dependency order; what a scheduler calls. */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = "Run ingest, conform, segment, clv, churn score and cubes for one as_of date, recording each in the run ledger.")
public final class NightlyCommand implements Callable<Integer> {
  /** The job graph, in order: each step needs the tables of the ones before it. */
  static final List<List<String>> STEPS =
      List.of(
          List.of("ingest"),
          List.of("conform"),
          List.of("segment"),
          List.of("clv"),
          List.of("churn", "score"),
          List.of("cubes"));

  @Mixin HomeOptions home;
  @Mixin AsOfOption asOfOption;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Workspace ws = home.workspace();
    LocalDate asOf = asOfOption.resolve(ws.config().zone());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("nightly run for %s in %s%n", asOf, ws.home());
    JobSequence jobs = new JobSequence(ws.home(), asOf, new RunLedger(ws.runs()), out, spec.commandLine().getErr(), home.verbose());
    int code = runAll(jobs, asOf);
    out.println();
    jobs.timings().forEach(t -> out.println("  " + t));
    out.flush();
    return code;
  }

  /** Runs the steps that exist; returns the first failing exit code, or OK. */
  static int runAll(JobSequence jobs, LocalDate asOf) {
    for (List<String> step : STEPS) {
      if (!JobSequence.exists(step)) {
        continue;
      }
      // ingest and conform take everything that has arrived; the dated jobs cut at as_of
      String[] args = step.get(0).equals("ingest") || step.get(0).equals("conform")
          ? step.toArray(new String[0])
          : concat(step, "--as-of", asOf.toString());
      int code = jobs.run(String.join(" ", step), args);
      if (code != ExitCode.OK) {
        return code;
      }
    }
    return ExitCode.OK;
  }

  private static String[] concat(List<String> head, String... tail) {
    String[] out = new String[head.size() + tail.length];
    for (int i = 0; i < head.size(); i++) {
      out[i] = head.get(i);
    }
    System.arraycopy(tail, 0, out, head.size(), tail.length);
    return out;
  }
}
