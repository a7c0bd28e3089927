package io.crm.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.pipeline.Pipeline;
import io.crm.jobs.pipeline.ReportStep;
import io.crm.jobs.pipeline.SegmentStep;
import io.crm.jobs.pipeline.Step;
import io.crm.jobs.report.ReportSettings;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * `crm demo`: generates a sample workspace if there is none, runs every job on it as of the last
 * generated day, and prints what came out.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate sample data (if DIR has no crm.yaml) and run every job on it. Default DIR: ./crm-demo.")
public final class DemoCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Spec CommandSpec spec;

  @Option(names = "--customers", paramLabel = "N", defaultValue = "5000", description = "Customers to generate (default: ${DEFAULT-VALUE}).")
  int customers;

  @Option(names = "--days", paramLabel = "D", defaultValue = "730", description = "Days of history to generate (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    Path dir = home.given() ? home.home() : Path.of("crm-demo").toAbsolutePath();
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    if (!Files.isRegularFile(dir.resolve(Workspace.CONFIG_FILE))) {
      Files.createDirectories(dir);
      int code = crm("generate", "--home", dir.toString(), "--customers", String.valueOf(customers),
          "--days", String.valueOf(days), "--seed", String.valueOf(seed));
      if (code != ExitCode.OK) {
        return code;
      }
    } else {
      out.printf("Using the existing workspace %s (delete it to generate new data).%n", dir);
    }
    home.withDefault(dir);
    JobContext ctx = home.context(spec);
    Workspace ws = ctx.workspace();
    LocalDate asOf = lastGeneratedDay(ws);
    out.printf("Running every job as of %s, the last day of the generated data.%n", asOf);
    Pipeline pipeline = new Pipeline(ctx);
    List<Step> night = pipeline.nightly().stream().filter(step -> !step.readsCommitted()).toList();
    pipeline.runDays("nightly", night, List.of(asOf), true);
    // a snapshot a month earlier, so the demo (and its report) can show how customers moved between segments
    pipeline.run("segment", List.of(new SegmentStep(ctx)), asOf.minusDays(30));
    pipeline.run("segment", List.of(new SegmentStep(ctx)), asOf);
    out.printf("%n== cube slice ==%n");
    out.flush();
    crm("cube", "sales", "--home", dir.toString(), "--by", "year,channel", "--measures",
        "net_revenue,orders,customers,average_order_value");
    List<Path> exports = exports(ws, asOf);
    ReportSettings report = ReportSettings.from(ws.config());
    pipeline.run("report", List.of(new ReportStep(ctx, report.languages())), asOf);
    summary(ws, out);
    out.println();
    out.println("Time per job:");
    pipeline.timings().forEach(t -> out.println("  " + t));
    out.printf("Demo finished in %.0f s.%n", (System.nanoTime() - started) / 1e9);
    out.println();
    out.println("Exports for marketing (one per format):");
    exports.forEach(p -> out.println("  " + p));
    out.println("Report for management:");
    try (var files = Files.list(ws.reports().resolve(asOf.toString()))) {
      files.sorted().forEach(p -> out.println("  " + p));
    }
    out.flush();
    return ExitCode.OK;
  }

  /** One consented export per format; returns the files written. */
  private List<Path> exports(Workspace ws, LocalDate asOf) {
    List<Path> files = List.of(
        ws.exports().resolve("active-customers-" + asOf + ".csv"),
        ws.exports().resolve("key-accounts-" + asOf + "-excel-de.csv"),
        ws.exports().resolve("cross-sell-" + asOf + ".xlsx"));
    String home = ws.home().toString();
    spec.commandLine().getOut().printf("%n== exports ==%n");
    crm("export", "--home", home, "--lifecycle", "active", "--format", "csv", "--out", files.get(0).toString());
    crm("export", "--home", home, "--campaign", "key-accounts", "--format", "excel-de", "--out", files.get(1).toString());
    crm("export", "--home", home, "--campaign", "cross-sell", "--format", "xlsx", "--out", files.get(2).toString());
    return files.stream().filter(Files::isRegularFile).toList();
  }

  /** Runs another `crm` command in this JVM (sharing the Spark session) with this command's console. */
  private int crm(String... args) {
    CommandLine cl = Crm.commandLine();
    cl.setOut(spec.commandLine().getOut());
    cl.setErr(spec.commandLine().getErr());
    return cl.execute(args);
  }

  /** The day before the generator's end, from landing/_truth.json; yesterday when absent. */
  private static LocalDate lastGeneratedDay(Workspace ws) throws IOException {
    Path truth = ws.landing().resolve("_truth.json");
    if (Files.isRegularFile(truth)) {
      JsonNode end = new ObjectMapper().readTree(truth.toFile()).path("generator").path("end_exclusive");
      if (end.isTextual()) {
        return LocalDate.parse(end.asText()).minusDays(1);
      }
    }
    return LocalDate.now(ws.config().zone()).minusDays(1);
  }

  private static void summary(Workspace ws, PrintWriter out) {
    out.println();
    out.println("Rows per table:");
    // the owner's catalog: the restricted silver tables and quarantine count too
    try (Connection c = DuckDbCatalog.openRestricted(ws);
        Statement st = c.createStatement()) {
      List<String> views = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(
          "SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal ORDER BY schema_name, view_name")) {
        while (rs.next()) {
          views.add(rs.getString(1));
        }
      }
      for (String view : views) {
        if (view.startsWith("gold_history.") || view.startsWith("bronze.")) {
          continue;
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + view)) {
          rs.next();
          out.printf("  %-36s %,12d%n", view, rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot summarise " + ws.duckdb() + ": " + e.getMessage(), e);
    }
    out.println();
    out.println("Outputs:");
    out.printf("  warehouse   %s%n", ws.warehouse());
    out.printf("  quarantine  %s (rejected rows with reason and original text)%n", ws.warehouse() + "/quarantine");
    out.printf("  run ledger  %s%n", ws.runs());
    out.printf("  DuckDB      %s  (try: ./crm query --home %s \"SELECT * FROM gold.segments LIMIT 5\")%n", ws.duckdb(), ws.home());
  }
}
