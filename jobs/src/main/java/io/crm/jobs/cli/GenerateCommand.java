package io.crm.jobs.cli;

import io.crm.jobs.workspace.WorkspaceLock;
import io.crm.generator.GenerationResult;
import io.crm.generator.GeneratorSettings;
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
import picocli.CommandLine.Spec;

/** `crm generate`: writes a sample workspace (crm.yaml, landing/ files, landing/_truth.json). */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a sample workspace: crm.yaml and landing/ files for transactions, web logs, tracker events,",
      "two contact exports and surveys, simulated from a BG/NBD customer base with ~1%% dirty rows.",
      "landing/_truth.json holds the true parameters and the dirty-row counts. Same seed, same bytes."
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

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
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
}
