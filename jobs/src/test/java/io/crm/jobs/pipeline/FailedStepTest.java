package io.crm.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.cli.Crm;
import io.crm.jobs.progress.LogFormat;
import io.crm.jobs.progress.Progress;
import io.crm.jobs.spark.SparkSessions;
import io.crm.jobs.workspace.Workspace;
import io.crm.warehouse.Warehouse;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step that fails while a Spark job it started is still reading: the pipeline stops that job
 * before it discards the step's staged files, so nothing reads files that are gone.
 */
class FailedStepTest {
  @TempDir Path home;

  /** Starts a slow Spark job in a thread of its own (as a broadcast or subquery runs), then fails. */
  private static final class FailingWhileReading implements Step {
    final AtomicReference<Throwable> jobOutcome = new AtomicReference<>();
    Thread reader;

    @Override
    public String name() {
      return "failing";
    }

    @Override
    public List<String> inputs() {
      return List.of();
    }

    @Override
    public List<String> outputs() {
      return List.of();
    }

    @Override
    public StepResult run(Warehouse warehouse, LocalDate asOf) {
      SparkContext sc = SparkSessions.getOrCreate("crm").sparkContext();
      reader = new Thread(() -> {
        try {
          // each row takes a minute unless the task is killed, as a file read stops between records
          SparkSessions.getOrCreate("crm").range(0, 2, 1, 2).map((MapFunction<Long, Long>) id -> {
            for (int i = 0; i < 600 && !TaskContext.get().isInterrupted(); i++) {
              Thread.sleep(100);
            }
            return id;
          }, Encoders.LONG()).collectAsList();
          jobOutcome.set(new AssertionError("the job ran to its end"));
        } catch (Throwable t) {
          jobOutcome.set(t);
        }
      });
      reader.start();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!runningTasks(sc) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertTrue(runningTasks(sc), "the step's job started");
      throw new IllegalStateException("the step failed while its job was reading");
    }
  }

  private static boolean runningTasks(SparkContext sc) {
    var tracker = sc.statusTracker();
    return Arrays.stream(tracker.getActiveStageIds())
        .mapToObj(tracker::getStageInfo)
        .anyMatch(info -> info.isDefined() && info.get().numActiveTasks() > 0);
  }

  @Test
  void aFailedStepStopsItsRunningJobsBeforeItsFilesAreDiscarded() throws Exception {
    StringWriter printed = new StringWriter();
    assertEquals(0, Crm.commandLine().setOut(new PrintWriter(printed)).setErr(new PrintWriter(printed))
        .execute("generate", "--home", home.toString(), "--customers", "20", "--days", "28", "--seed", "3"), printed.toString());
    Progress quiet = Progress.create(LogFormat.TEXT, false, new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
    JobContext ctx = new JobContext(Workspace.open(home), new PrintWriter(printed), new PrintWriter(printed), false, quiet);
    FailingWhileReading step = new FailingWhileReading();

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new Pipeline(ctx).run("failing", List.of(step), LocalDate.parse("2024-01-28")));

    assertEquals("the step failed while its job was reading", e.getMessage());
    assertFalse(runningTasks(ctx.spark().sparkContext()), "no task of the failed step runs once the pipeline has given up");
    step.reader.join(60_000);
    Throwable outcome = step.jobOutcome.get();
    assertNotNull(outcome);
    assertTrue(String.valueOf(outcome.getMessage()).contains("cancelled"), String.valueOf(outcome));
  }
}
