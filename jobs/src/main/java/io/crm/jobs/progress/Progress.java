package io.crm.jobs.progress;

import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkContext;

/**
 * Progress of a pipeline run: which job of how many is running and, through a
 * {@link SparkProgressListener} on the SparkContext, the current Spark stage. On a terminal it
 * draws a progress bar per stage; with {@link LogFormat#JSON} it writes one JSON object per event;
 * otherwise it stays quiet. Everything goes to stderr, so stdout keeps the commands' results.
 */
public final class Progress implements AutoCloseable {
  private final ProgressSink sink;
  private final Clock clock;
  private final SparkProgressListener listener = new SparkProgressListener(this);
  private final Map<String, StageProgress> stages = new HashMap<>();
  private String currentJob;

  Progress(ProgressSink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  /** For the console: JSON on request, bars when stderr is a terminal, else quiet. */
  public static Progress forConsole(LogFormat format) {
    return create(format, System.console() != null, System.err, Clock.systemUTC());
  }

  public static Progress create(LogFormat format, boolean terminal, PrintStream err, Clock clock) {
    if (format == LogFormat.JSON) {
      return new Progress(new JsonSink(err, clock), clock);
    }
    return new Progress(terminal ? new TerminalSink(err, 0) : new ProgressSink() {}, clock);
  }

  /** Reports Spark stages of {@code sc} from now on. */
  public void attach(SparkContext sc) {
    sc.addSparkListener(listener);
  }

  public void detach(SparkContext sc) {
    sc.removeSparkListener(listener);
  }

  /** The listener itself, for a SparkContext built elsewhere (e.g. through spark.extraListeners). */
  public SparkProgressListener listener() {
    return listener;
  }

  /** Job {@code index} (1-based) of {@code total} starts. */
  public synchronized void jobStarted(int index, int total, String job) {
    currentJob = job;
    sink.jobStarted(index, total, job);
  }

  /** The job ended with {@code outcome} (e.g. ok, failed, skipped) after {@code seconds}. */
  public synchronized void jobFinished(String job, String outcome, double seconds) {
    sink.jobFinished(job, outcome, seconds);
    if (job.equals(currentJob)) {
      currentJob = null;
    }
  }

  synchronized void stageSubmitted(int stageId, int attempt, String name, int tasks) {
    StageProgress stage = new StageProgress(stageId, attempt, name, tasks, currentJob, clock.instant());
    stages.put(key(stageId, attempt), stage);
    sink.stageStarted(stage);
  }

  synchronized void taskEnded(int stageId, int attempt, boolean success) {
    StageProgress stage = stages.get(key(stageId, attempt));
    if (stage == null) {
      return; // a task of a stage that started before we were attached
    }
    if (success) {
      stage.succeeded++;
    } else {
      stage.failed++;
    }
    sink.taskEnded(stage);
  }

  synchronized void stageCompleted(int stageId, int attempt, String failureReason) {
    StageProgress stage = stages.remove(key(stageId, attempt));
    if (stage == null) {
      return;
    }
    stage.failureReason = failureReason;
    stage.completed = clock.instant();
    sink.stageCompleted(stage);
  }

  /** Ends a bar still drawn; the listener stays attached until {@link #detach}. */
  @Override
  public synchronized void close() {
    sink.close();
  }

  private static String key(int stageId, int attempt) {
    return stageId + "." + attempt;
  }
}
