package io.crm.jobs.cli;

import io.crm.jobs.ledger.RunLedger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine;

/**
 * Runs `crm` subcommands one after another in this JVM (so they share one Spark session), writes
 * each to the run ledger, and stops at the first that fails. Used by `nightly` and `demo`.
 */
final class JobSequence {
  private final Path home;
  private final LocalDate asOf;
  private final RunLedger ledger;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean verbose;
  private final String runId = UUID.randomUUID().toString();
  private final List<String> timings = new ArrayList<>();

  JobSequence(Path home, LocalDate asOf, RunLedger ledger, PrintWriter out, PrintWriter err, boolean verbose) {
    this.home = home;
    this.asOf = asOf;
    this.ledger = ledger;
    this.out = out;
    this.err = err;
    this.verbose = verbose;
  }

  /** Whether `crm` has this (sub)command, e.g. ["churn", "score"] (jobs arrive one issue at a time). */
  static boolean exists(List<String> path) {
    CommandLine cl = Crm.commandLine();
    for (String name : path) {
      cl = cl.getSubcommands().get(name);
      if (cl == null) {
        return false;
      }
    }
    return true;
  }

  /** Runs `crm ARGS --home HOME`; returns its exit code after recording it. */
  int run(String job, String... args) {
    List<String> argv = new ArrayList<>(List.of(args));
    argv.add("--home");
    argv.add(home.toString());
    if (verbose) {
      argv.add("--verbose");
    }
    out.printf("%n== %s ==%n", job);
    out.flush();
    Instant start = Instant.now();
    CommandLine cl = Crm.commandLine();
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(argv.toArray(new String[0]));
    Instant end = Instant.now();
    String outcome = code == ExitCode.OK ? "ok" : "failed";
    ledger.append(new RunLedger.Entry(runId, job, asOf, start, end, outcome, "exit code " + code));
    timings.add(String.format("%-20s %7.1f s  %s", job, Duration.between(start, end).toMillis() / 1000.0, outcome));
    return code;
  }

  List<String> timings() {
    return timings;
  }
}
