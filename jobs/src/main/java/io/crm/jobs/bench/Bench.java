package io.crm.jobs.bench;

import io.crm.generator.ArrivalsResult;
import io.crm.generator.GenerationResult;
import io.crm.generator.GeneratorSettings;
import io.crm.generator.NightlyArrivals;
import io.crm.generator.SampleDataGenerator;
import io.crm.generator.TrueParameters;
import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.pipeline.Pipeline;
import io.crm.jobs.pipeline.Step;
import io.crm.jobs.progress.Progress;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * `crm bench`: for each size, generates the history once into a cache folder (reused by later
 * benches with the same customers, days and seed), runs every job of the nightly graph from
 * scratch on a fresh copy through the real {@link Pipeline}, measures each, compares it with the
 * DuckDB yardstick over the same landing files, then K incremental nights: the generator continues
 * the data by one day and the nightly runs for that day. The yardstick runs first, before Spark
 * has grown this JVM's heap, so DuckDB gets the memory the jobs take later (at a million
 * customers its sales cube needs more than what is left beside a full heap).
 *
 * <p>Layout under the bench folder: {@code cache/c<N>-d<D>-s<S>/} (the generated workspace,
 * never run on), {@code runs/c<N>-d<D>-s<S>/} (the copy the jobs run on, replaced by each
 * bench; the landing files are hard links into the cache where the file system allows),
 * {@code runs/c<N>-d<D>-s<S>.log} (what the jobs printed) and {@code runs/...-duckdb/} (the
 * yardstick's Parquet files).
 */
public final class Bench {
  /** What to measure; {@code customers} holds one size, or the sizes of a sweep. */
  public record Options(List<Integer> customers, int days, long seed, int nights, Path dir) {}

  private final Options options;
  private final Progress progress;
  private final boolean verbose;
  private final Consumer<List<BenchReport>> checkpoint;

  /**
   * {@code checkpoint} receives the figures measured so far after every stage (the run from
   * scratch with the yardstick's comparison, each night but the last) and when a job fails, the last report marked incomplete,
   * so that a bench of hours that dies late still leaves what it measured.
   */
  public Bench(Options options, Progress progress, boolean verbose, Consumer<List<BenchReport>> checkpoint) {
    this.options = options;
    this.progress = progress;
    this.verbose = verbose;
    this.checkpoint = checkpoint;
  }

  public List<BenchReport> run() throws IOException {
    List<BenchReport> reports = new ArrayList<>();
    for (int customers : options.customers()) {
      reports.add(runOne(customers, reports));
    }
    return reports;
  }

  private BenchReport runOne(int customers, List<BenchReport> earlier) throws IOException {
    double loadAtStart = ProcessMeter.loadAverage();
    String key = "c" + customers + "-d" + options.days() + "-s" + options.seed();
    Path cache = options.dir().resolve("cache").resolve(key);
    Path home = options.dir().resolve("runs").resolve(key);
    BenchReport.Generation generation = generate(cache, customers);
    deleteTree(home);
    mirror(cache, home);

    List<JobFigures> figures = new ArrayList<>();
    List<BenchReport.NightGeneration> nightGenerations = new ArrayList<>();
    List<BenchReport.Yardstick> yardstick = new ArrayList<>();
    Partial partial = new Partial(customers, loadAtStart, generation, figures, nightGenerations, yardstick, earlier);
    Path log = options.dir().resolve("runs").resolve(key + ".log");
    try (PrintWriter logWriter = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      JobContext ctx = new JobContext(Workspace.open(home), logWriter, logWriter, verbose, progress);
      Pipeline pipeline = new Pipeline(ctx);
      LocalDate lastDay = GeneratorSettings.DEFAULT_START.plusDays(options.days() - 1L);

      progress.jobStarted(1, 1, "duckdb yardstick");
      ProcessMeter meter = new ProcessMeter();
      meter.start();
      // the yardstick is a comparison, not a job: when it fails (DuckDB out of memory) the bench
      // says so and goes on without it
      List<DuckDbYardstick.Stage> duck = null;
      try {
        duck = new DuckDbYardstick(home.resolve("landing"),
            options.dir().resolve("runs").resolve(key + "-duckdb"), truncatedFiles(home), ProcessMeter.cores(),
            duckDbMemoryMb()).run(lastDay);
        progress.jobFinished("duckdb yardstick", "ok", meter.stop().wallSeconds());
        logWriter.println("duckdb yardstick: " + duck.stream().map(DuckDbYardstick::describe).toList());
      } catch (RuntimeException e) {
        progress.jobFinished("duckdb yardstick", "failed", meter.stop().wallSeconds());
        logWriter.println("duckdb yardstick failed, the bench goes on without it: " + e.getMessage());
      }

      partial.guard(() -> pipeline.run("bench", measured(Pipeline.nightly(ctx), "scratch", figures), lastDay));
      if (duck != null) {
        yardstick.addAll(compare(figures, counts(ctx.workspace()), duck));
      }
      partial.save();

      for (int night = 1; night <= options.nights(); night++) {
        String run = "night " + night;
        progress.jobStarted(1, 1, "generate " + run);
        meter.start();
        ArrivalsResult arrivals = new NightlyArrivals(home, 1, logWriter::println).run();
        double seconds = meter.stop().wallSeconds();
        ArrivalsResult.Night day = arrivals.nights().get(0);
        progress.jobFinished("generate " + run, "ok", seconds);
        nightGenerations.add(new BenchReport.NightGeneration(run, day.day(), seconds, day.rowsBySource()));
        partial.guard(() -> pipeline.run("nightly", measured(Pipeline.nightly(ctx), run, figures), day.day()));
        if (night < options.nights()) {
          partial.save();
        }
      }
    }
    return partial.report(true);
  }

  /** The figures of the size being measured, as they grow, and the reports of the sizes before it. */
  private final class Partial {
    private final int customers;
    private final double loadAtStart;
    private final BenchReport.Generation generation;
    private final List<JobFigures> figures;
    private final List<BenchReport.NightGeneration> nightGenerations;
    private final List<BenchReport.Yardstick> yardstick;
    private final List<BenchReport> earlier;

    Partial(int customers, double loadAtStart, BenchReport.Generation generation, List<JobFigures> figures,
        List<BenchReport.NightGeneration> nightGenerations, List<BenchReport.Yardstick> yardstick, List<BenchReport> earlier) {
      this.customers = customers;
      this.loadAtStart = loadAtStart;
      this.generation = generation;
      this.figures = figures;
      this.nightGenerations = nightGenerations;
      this.yardstick = yardstick;
      this.earlier = earlier;
    }

    BenchReport report(boolean complete) {
      BenchReport.Machine machine = new BenchReport.Machine(ProcessMeter.cores(), ProcessMeter.machineMemoryGb(),
          ProcessMeter.maxHeapMb(), System.getProperty("java.version"), loadAtStart, ProcessMeter.loadAverage());
      return new BenchReport(customers, options.days(), options.seed(), options.nights(), commit(), LocalDate.now(ZoneOffset.UTC),
          machine, generation, List.copyOf(figures), List.copyOf(nightGenerations), List.copyOf(yardstick), complete);
    }

    void save() {
      List<BenchReport> all = new ArrayList<>(earlier);
      all.add(report(false));
      checkpoint.accept(all);
    }

    /** Runs a pipeline; when a job fails, saves what was measured up to it before the failure goes on up. */
    void guard(Runnable run) {
      try {
        run.run();
      } catch (RuntimeException | Error e) {
        save();
        throw e;
      }
    }
  }

  /** What the machine has beyond this JVM's largest heap, less 2 GB for everything else; 1 GB at least. */
  /** The machine's memory less this JVM's heap as it is now (before the jobs) and 2 GB to spare. */
  private static long duckDbMemoryMb() {
    long machineMb = Math.round(ProcessMeter.machineMemoryGb() * 1024);
    long heapMb = Runtime.getRuntime().totalMemory() / (1024 * 1024);
    return Math.max(1024, machineMb - heapMb - 2048);
  }

  private static List<Step> measured(List<Step> steps, String run, List<JobFigures> figures) {
    return steps.stream().<Step>map(s -> new MeasuredStep(s, run, figures)).toList();
  }

  /** Generates into the cache unless an earlier bench finished doing so (the marker file is written last). */
  private BenchReport.Generation generate(Path cache, int customers) throws IOException {
    Path done = cache.resolve(".bench-complete");
    if (Files.isRegularFile(done)) {
      double seconds = Double.parseDouble(Files.readString(done, StandardCharsets.UTF_8).trim());
      return new BenchReport.Generation(true, seconds, cache.toString());
    }
    deleteTree(cache);
    Files.createDirectories(cache);
    progress.jobStarted(1, 1, "generate " + customers + " customers");
    GeneratorSettings settings = new GeneratorSettings(cache, customers, options.days(), options.seed(), GeneratorSettings.DEFAULT_START);
    GenerationResult r = new SampleDataGenerator(settings, TrueParameters.defaults(), line -> { }).run();
    progress.jobFinished("generate " + customers + " customers", "ok", r.seconds());
    Files.writeString(done, Double.toString(r.seconds()), StandardCharsets.UTF_8);
    return new BenchReport.Generation(false, r.seconds(), cache.toString());
  }

  /**
   * Copies the cached workspace for a run: the files a continuation rewrites are copied, the
   * landing files linked (they are only ever read or added to).
   */
  private static void mirror(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
          continue;
        }
        String name = f.getFileName().toString();
        if (name.equals(".bench-complete")) {
          continue;
        }
        if (name.endsWith(".json") || name.endsWith(".yaml")) {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
          continue;
        }
        try {
          Files.createLink(target, f);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** The landing files _truth.json says were cut off on purpose; DuckDB cannot read them. */
  private static Set<String> truncatedFiles(Path home) throws IOException {
    Path truth = home.resolve("landing/_truth.json");
    String file = new ObjectMapper().readTree(truth.toFile()).path("truncated_file").path("file").asText("");
    return file.isEmpty() ? Set.of() : Set.of(file);
  }

  /** Our rows that the yardstick also produces, read from crm.duckdb after the run from scratch. */
  private record Counts(long orders, long sessions, long salesOrders, long salesNetCents) {}

  private static Counts counts(Workspace ws) {
    try (Connection c = DuckDbCatalog.openReadOnly(ws);
        Statement st = c.createStatement()) {
      long orders = single(st, "SELECT count(*) FROM silver.orders");
      long sessions = single(st, "SELECT count(*) FROM silver.sessions");
      long salesOrders = -1;
      long salesNet = -1;
      try (ResultSet rs = st.executeQuery("SELECT orders, net_revenue FROM cubes.sales WHERE grouping_set = '(total)'")) {
        if (rs.next()) {
          salesOrders = rs.getLong(1);
          salesNet = Math.round(rs.getDouble(2) * 100);
        }
      }
      return new Counts(orders, sessions, salesOrders, salesNet);
    } catch (SQLException e) {
      throw new IllegalStateException("bench: cannot read the run's crm.duckdb: " + e.getMessage(), e);
    }
  }

  private static long single(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<BenchReport.Yardstick> compare(List<JobFigures> figures, Counts ours, List<DuckDbYardstick.Stage> duck) {
    JobFigures ingest = scratch(figures, "ingest");
    JobFigures conform = scratch(figures, "conform");
    JobFigures cubes = scratch(figures, "cubes");
    DuckDbYardstick.Stage dIngest = duck.get(0);
    DuckDbYardstick.Stage dConform = duck.get(1);
    DuckDbYardstick.Stage dCube = duck.get(2);
    long loaded = dIngest.rows().values().stream().mapToLong(Long::longValue).sum();
    Object salesSeconds = cubes.metrics().get("sales_seconds");
    Object salesCells = cubes.metrics().get("sales_cells");
    return List.of(
        new BenchReport.Yardstick("ingest", "ingest", ingest.wallSeconds(), dIngest.seconds(),
            List.of(new BenchReport.Compared("rows loaded, all sources", ingest.rowsOut(), loaded))),
        new BenchReport.Yardstick("orders and sessions", "conform", conform.wallSeconds(), dConform.seconds(),
            List.of(new BenchReport.Compared("orders", ours.orders(), dConform.rows().get("orders")),
                new BenchReport.Compared("sessions", ours.sessions(), dConform.rows().get("sessions")))),
        new BenchReport.Yardstick("sales cube", salesSeconds == null ? "cubes (all)" : "cubes (sales)",
            salesSeconds instanceof Number n ? n.doubleValue() : cubes.wallSeconds(), dCube.seconds(),
            List.of(new BenchReport.Compared("cells", salesCells instanceof Number n ? n.longValue() : -1,
                    dCube.rows().get("sales_cells")),
                new BenchReport.Compared("orders in the total", ours.salesOrders(),
                    dCube.rows().getOrDefault("sales_total_orders", -1L)),
                new BenchReport.Compared("net revenue in the total, cents", ours.salesNetCents(),
                    dCube.rows().getOrDefault("sales_total_net_revenue_cents", -1L)))));
  }

  private static JobFigures scratch(List<JobFigures> figures, String job) {
    return figures.stream().filter(f -> f.run().equals("scratch") && f.job().equals(job)).findFirst()
        .orElseThrow(() -> new IllegalStateException("bench: the run from scratch has no job " + job));
  }

  /** The short hash of the checkout the bench runs from, when it is one. */
  private static String commit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty() ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** Writes the reports as one JSON array. */
  public static void writeJson(List<BenchReport> reports, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    List<Map<String, Object>> all = reports.stream().map(BenchReport::toMap).toList();
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), all);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
