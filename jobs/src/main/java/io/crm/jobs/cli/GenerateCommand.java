package io.crm.jobs.cli;

import io.crm.jobs.workspace.WorkspaceLock;
import io.crm.generator.ArrivalsResult;
import io.crm.generator.GenerationResult;
import io.crm.generator.GeneratorSettings;
import io.crm.generator.NightlyArrivals;
import io.crm.generator.SampleDataGenerator;
import io.crm.generator.TrueParameters;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `crm generate`: writes a sample workspace (crm.yaml, landing/ files, landing/_truth.json). */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a sample workspace: crm.yaml and landing/ files for transactions, web logs, tracker events,",
      "two contact exports and surveys, simulated from a BG/NBD customer base with ~1%% dirty rows.",
      "landing/_truth.json holds the true parameters and the dirty-row counts. Same seed, same bytes.",
      "With --continue-days N it continues an existing workspace by N days instead: one file per source",
      "per day, the same people, _truth.json updated (the way a shop's nightly exports arrive)."
    })
public final class GenerateCommand implements Callable<Integer> {

  @Mixin HomeOptions home;

  @Spec CommandSpec spec;

  @Option(names = "--customers", paramLabel = "N", defaultValue = "5000", description = "Customers to simulate (default: ${DEFAULT-VALUE}).")
  int customers;

  @Option(names = "--days", paramLabel = "D", defaultValue = "730", description = "Days of history (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--start", paramLabel = "DATE", defaultValue = "2024-01-01", description = "First day, yyyy-MM-dd (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(names = "--force", description = "Overwrite an existing crm.yaml and the generated landing files.")
  boolean force;

  @Option(names = "--continue-days", paramLabel = "N",
      description = "Continue the workspace's generated data by N days (nightly arrivals: one file per source per day); "
          + "the settings come from landing/_truth.json.")
  Integer continueDays;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (continueDays != null) {
      return continueWorkspace(out);
    }
    GeneratorSettings settings = new GeneratorSettings(home.home(), customers, days, seed, start);
    Path config = settings.home().resolve("crm.yaml");
    if (Files.exists(config) && !force) {
      throw new UserException(config + " exists; add --force to replace it and the generated landing files");
    }
    out.printf("crm generate: %,d customers, %d days from %s, seed %d -> %s%n", customers, days, start, seed, settings.home());
    out.flush();
    GenerationResult r;
    try (WorkspaceLock lock = WorkspaceLock.acquire(settings.home(), "generate")) {
      r = new SampleDataGenerator(settings, TrueParameters.defaults(), line -> {
        out.println(line);
        out.flush();
      }).run();
    }
    out.println("rows written (dirty rows included):");
    for (Map.Entry<String, Long> e : r.rowsBySource().entrySet()) {
      long dirty = r.dirtyBySource().get(e.getKey()).values().stream().mapToLong(Long::longValue).sum();
      out.printf("  %-13s %,13d rows  %,9d dirty  %s%n", e.getKey(), e.getValue(), dirty, r.dirtyBySource().get(e.getKey()));
    }
    out.printf("dirty rows injected: %,d; truncated on purpose: landing/%s%n", r.dirtyRows(), r.truncatedFile());
    out.printf("%d files, %,.1f MB in %s/landing (truth: landing/_truth.json); %.1f s%n",
        r.files(), r.bytes() / 1e6, r.home(), r.seconds());
    out.flush();
    return ExitCode.OK;
  }

  private int continueWorkspace(PrintWriter out) throws Exception {
    for (String fixed : new String[] {"--customers", "--days", "--seed", "--start", "--force"}) {
      if (spec.commandLine().getParseResult().hasMatchedOption(fixed)) {
        throw new ParameterException(spec.commandLine(), fixed + " cannot be combined with --continue-days: "
            + "a continuation keeps the settings in landing/_truth.json");
      }
    }
    if (continueDays < 1) {
      throw new ParameterException(spec.commandLine(), "--continue-days must be at least 1, got " + continueDays);
    }
    Path dir = home.home();
    if (!Files.isRegularFile(dir.resolve("landing/_truth.json"))) {
      throw new UserException(dir.resolve("landing/_truth.json") + " not found; run crm generate first, then continue it");
    }
    ArrivalsResult r;
    try (WorkspaceLock lock = WorkspaceLock.acquire(dir, "generate")) {
      r = new NightlyArrivals(dir, continueDays, line -> {
        out.println(line);
        out.flush();
      }).run();
    }
    for (ArrivalsResult.Night n : r.nights()) {
      out.printf("  %s  %s%n", n.day(), n.rowsBySource());
    }
    out.printf("continued %,d customers by %d day(s) to %s (%d files, %,d dirty rows); %.1f s%n", r.customers(),
        r.nights().size(), r.endExclusive().minusDays(1), r.nights().size() * 6, r.dirtyRows(), r.seconds());
    out.flush();
    return ExitCode.OK;
  }
}
