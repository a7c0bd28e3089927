package io.crm.jobs.cli;

import io.crm.jobs.bench.Bench;
import io.crm.jobs.bench.BenchReport;
import io.crm.jobs.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `crm bench`: every job from scratch and K incremental nights on generated data, measured, next to DuckDB. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Generates sample data once per (customers, days, seed) and reuses it, runs every job of the nightly",
      "graph from scratch, then K incremental nights (the data continued by one day each), and reports per job",
      "wall and CPU time, rows in and out, rows per second and peak heap; the same core stages in plain DuckDB",
      "SQL over the same files serve as a yardstick. A table on stdout; --json writes the figures."
    })
public final class BenchCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Spec CommandSpec spec;

  @Option(names = "--customers", paramLabel = "N", defaultValue = "2000", description = "Customers to generate (default: ${DEFAULT-VALUE}).")
  int customers;

  @Option(names = "--days", paramLabel = "D", defaultValue = "730", description = "Days of history (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--sweep", paramLabel = "N1,N2,...", split = ",",
      description = "Several sizes one after another, instead of --customers.")
  List<Integer> sweep;

  @Option(names = "--nights", paramLabel = "K", defaultValue = "1", description = "Incremental nights after the run from scratch (default: ${DEFAULT-VALUE}).")
  int nights;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  @Option(names = "--dir", paramLabel = "DIR", description = "Folder for the generated data and the runs (default: crm-bench in the --home folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    List<Integer> sizes = sweep == null || sweep.isEmpty() ? List.of(customers) : List.copyOf(sweep);
    for (int n : sizes) {
      if (n < 1) {
        throw new ParameterException(spec.commandLine(), "customers must be at least 1, got " + n);
      }
    }
    if (nights < 0) {
      throw new ParameterException(spec.commandLine(), "--nights must be 0 or more, got " + nights);
    }
    if (days < 28) {
      throw new ParameterException(spec.commandLine(), "--days must be at least 28, got " + days);
    }
    Path folder = (dir == null ? home.home().resolve("crm-bench") : dir).toAbsolutePath().normalize();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("crm bench: %s customers, %d days, seed %d, %d night(s) in %s%n", sizes, days, seed, nights, folder);
    out.flush();
    List<BenchReport> reports;
    try (Progress progress = home.progress()) {
      reports = new Bench(new Bench.Options(sizes, days, seed, nights, folder), progress, home.verbose(), this::saveSoFar).run();
    }
    reports.forEach(r -> r.print(out));
    if (json != null) {
      Bench.writeJson(reports, json);
      out.printf("%nfigures written to %s%n", json.toAbsolutePath());
    }
    out.flush();
    return ExitCode.OK;
  }

  /** With --json, the file holds the figures measured so far while the bench runs (marked "complete": false). */
  private void saveSoFar(List<BenchReport> soFar) {
    if (json == null) {
      return;
    }
    try {
      Bench.writeJson(soFar, json);
    } catch (IOException e) {
      throw new UncheckedIOException("bench: cannot write " + json + ": " + e.getMessage(), e);
    }
  }
}
