package io.crm.jobs.pipeline;

import io.crm.jobs.ledger.RunLedger;
import io.crm.jobs.report.ReportSettings;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import io.crm.jobs.workspace.WorkspaceLock;
import io.crm.jobs.workspace.WorkspacePermissions;
import io.crm.warehouse.Warehouse;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkContext;

/**
 * The job graph and the one way any job runs. {@link #nightly()} lists the steps of a night in
 * dependency order; {@code crm nightly}, {@code crm backfill}, {@code crm demo} and every job
 * subcommand run their steps through {@link #run}.
 *
 * <p>A run takes the workspace lock, opens the {@link Warehouse} once, runs its steps (each reads
 * what the steps before it staged), then commits: a day's silver and gold become current together
 * with one manifest, and crm.duckdb is refreshed to name the new versions. A step that fails
 * discards what the run staged, so the warehouse stays at the previous commit. Every step and
 * every committed day is written to the run ledger.
 */
public final class Pipeline {
  /** The name under which a committed day of the whole graph is recorded (catch-up and backfill read it). */
  public static final String NIGHT = "nightly";

  /** How long a failed step waits for its cancelled Spark jobs to stop before it discards its files. */
  private static final Duration STOP_JOBS_WAIT = Duration.ofSeconds(60);
  private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private final JobContext ctx;
  private final RunLedger ledger;
  private final List<String> timings = new ArrayList<>();
  private final Map<String, StepResult> results = new java.util.LinkedHashMap<>();

  public Pipeline(JobContext ctx) {
    this.ctx = ctx;
    this.ledger = new RunLedger(ctx.workspace().runs(), ctx.workspace()::hadoopConf);
  }

  /**
   * The nightly graph: ingest, conform, segment, clv, churn score, cubes, the report when crm.yaml
   * enables it, and retention when crm.yaml sets it.
   */
  public List<Step> nightly() {
    return nightly(ctx);
  }

  /** The nightly graph wired to {@code ctx}; the steps touch nothing until they run. */
  public static List<Step> nightly(JobContext ctx) {
    List<Step> steps = new ArrayList<>(List.of(
        new IngestStep(ctx, IngestStep.Options.DEFAULT),
        new ConformStep(ctx, null, false, false, false),
        new SegmentStep(ctx),
        new ClvJobStep(ctx, null),
        new ChurnSteps.Score(ctx),
        new CubesStep(ctx)));
    ReportSettings report = ctx.workspace() == null ? ReportSettings.DEFAULT : ReportSettings.from(ctx.workspace().config());
    // the report reads crm.duckdb, which a warehouse on HDFS or S3 does not get (see runAll)
    boolean duckDb = ctx.workspace() == null || ctx.workspace().localWarehouse().isPresent();
    if (report.enabled() && duckDb) {
      steps.add(new ReportStep(ctx, report.languages()));
    }
    if (ctx.workspace() != null) {
      ctx.workspace().config().retentionDays().ifPresent(days -> steps.add(new RetentionStep(ctx, days)));
    }
    return List.copyOf(steps);
  }

  public RunLedger ledger() {
    return ledger;
  }

  /** "job   12.3 s  ok" per step run so far, for summaries. */
  public List<String> timings() {
    return List.copyOf(timings);
  }

  /** The result of each step run so far by step name (a dated step's last day), for commands that report on it. */
  public Map<String, StepResult> results() {
    return java.util.Collections.unmodifiableMap(results);
  }

  /** Prints the time per step after a blank line. */
  public void printTimings(PrintWriter out) {
    out.println();
    timings.forEach(t -> out.println("  " + t));
    out.flush();
  }

  /** Runs {@code steps} for one as_of date as one commit, under {@code job} in the ledger. */
  public void run(String job, List<Step> steps, LocalDate asOf) {
    runDays(job, steps, List.of(asOf), false);
  }

  /**
   * Runs {@code steps} for each day in order, one commit per day. Steps that take everything that
   * arrived (ingest, conform) run on the first day only; the dated ones every day. With
   * {@code recordNights}, each committed day is recorded as a {@value #NIGHT} in the ledger.
   */
  public void runDays(String job, List<Step> steps, List<LocalDate> days, boolean recordNights) {
    Workspace ws = ctx.workspace();
    try (WorkspaceLock lock = WorkspaceLock.acquire(ws.home(), job)) {
      lock.tookOverFrom().ifPresent(h -> {
        ctx.err().println("crm: took over the workspace lock of " + h + ", which is no longer running");
        ctx.err().flush();
      });
      WorkspacePermissions.of(ws).restrict();
      steps.forEach(Step::warmUp);
      SparkContext sc = ctx.spark().sparkContext();
      Warehouse warehouse = Warehouse.open(ws.warehouse(), sc.hadoopConfiguration());
      if (ws.localWarehouse().isEmpty()) {
        ctx.err().println("crm: the warehouse is on " + ws.warehouse() + ", which DuckDB cannot read:"
            + " crm.duckdb is not refreshed and no report is written");
        ctx.err().flush();
      }
      ctx.progressBar().attach(sc);
      try {
        runAll(job, steps, days, recordNights, warehouse);
      } finally {
        ctx.progressBar().detach(sc);
        ctx.progressBar().close();
      }
    }
  }

  private void runAll(String job, List<Step> steps, List<LocalDate> days, boolean recordNights, Warehouse warehouse) {
    String runId = RUN_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    int total = days.size() * (int) steps.stream().filter(Step::dated).count() + (int) steps.stream().filter(s -> !s.dated()).count();
    int index = 0;
    for (int d = 0; d < days.size(); d++) {
      LocalDate day = days.get(d);
      Instant dayStarted = Instant.now();
      for (Step step : steps) {
        if ((!step.dated() && d > 0) || step.readsCommitted()) {
          continue;
        }
        index++;
        runStep(step, warehouse, day, runId, index, total);
      }
      warehouse.commit(job, runId);
      if (ctx.workspace().localWarehouse().isPresent()) {
        new DuckDbCatalog(ctx.workspace()).refresh();
      }
      for (Step step : steps) {
        if (step.readsCommitted()) {
          index++;
          runStep(step, warehouse, day, runId, index, total);
        }
      }
      if (recordNights) {
        ledger.append(new RunLedger.Entry(runId, NIGHT, day, dayStarted, Instant.now(), RunLedger.OK, null, null, null,
            Map.of("warehouse_version", warehouse.version(), "command", job), null));
      }
    }
  }

  private void runStep(Step step, Warehouse warehouse, LocalDate day, String runId, int index, int total) {
    PrintWriter out = ctx.out();
    if (total > 1) {
      out.printf(Locale.ROOT, "%n== [%d/%d] %s%s ==%n", index, total, step.name(), step.dated() ? " as of " + day : "");
      out.flush();
    }
    ctx.progressBar().jobStarted(index, total, label(step, day));
    Instant started = Instant.now();
    // the step's Spark jobs carry its group, so a failed step can stop those still running (a
    // broadcast or subquery started beside the one that failed) before its staged files go
    String group = runId + "/" + label(step, day);
    SparkContext sc = ctx.spark().sparkContext();
    sc.setJobGroup(group, label(step, day), false);
    try {
      StepResult r = step.run(warehouse, day);
      results.put(step.name(), r);
      out.print(r.text());
      out.flush();
      Instant end = Instant.now();
      ledger.append(new RunLedger.Entry(runId, step.name(), step.dated() ? day : null, started, end, RunLedger.OK,
          r.rowsIn(), r.rowsOut(), r.rowsQuarantined(), r.metrics(), null));
      double seconds = (end.toEpochMilli() - started.toEpochMilli()) / 1000.0;
      timings.add(String.format(Locale.ROOT, "%-26s %7.1f s  ok", label(step, day), seconds));
      ctx.progressBar().jobFinished(label(step, day), RunLedger.OK, seconds);
    } catch (RuntimeException e) {
      stopJobs(sc, group);
      warehouse.discardStaged();
      Instant end = Instant.now();
      String outcome = e instanceof QualityGateException ? "gate_failed" : RunLedger.FAILED;
      ledger.append(new RunLedger.Entry(runId, step.name(), step.dated() ? day : null, started, end, outcome,
          null, null, null, null, firstLine(e)));
      double seconds = (end.toEpochMilli() - started.toEpochMilli()) / 1000.0;
      timings.add(String.format(Locale.ROOT, "%-26s %7.1f s  %s", label(step, day), seconds, outcome));
      ctx.progressBar().jobFinished(label(step, day), outcome, seconds);
      throw e;
    } finally {
      sc.clearJobGroup();
    }
  }

  /**
   * Cancels the jobs of a group and waits, a bounded while, until none of them runs and no task
   * is left running (a stage given up by adaptive planning, the rest of a finished limit or take
   * may still read files).
   */
  private static void stopJobs(SparkContext sc, String group) {
    sc.cancelJobGroup(group);
    var tracker = sc.statusTracker();
    long deadline = System.nanoTime() + STOP_JOBS_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      boolean jobs = Arrays.stream(tracker.getJobIdsForGroup(group))
          .mapToObj(tracker::getJobInfo)
          .anyMatch(info -> info.isDefined() && info.get().status() == JobExecutionStatus.RUNNING);
      boolean tasks = Arrays.stream(tracker.getActiveStageIds())
          .mapToObj(tracker::getStageInfo)
          .anyMatch(info -> info.isDefined() && info.get().numActiveTasks() > 0);
      if (!jobs && !tasks) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String label(Step step, LocalDate day) {
    return step.dated() ? step.name() + " " + day : step.name();
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }
}
