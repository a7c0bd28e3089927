package io.crm.jobs.progress;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * For a person at a terminal: one line per job ("[2/6] conform") and a progress bar for the
 * current Spark stage. Spark may run stages side by side; the bar follows the one submitted last
 * and leaves the others alone, since two bars on one line would garble each other.
 */
final class TerminalSink implements ProgressSink {
  private final PrintStream err;
  private final int width;
  private ProgressBar bar;
  private StageProgress barStage;

  /** @param width characters the bar may use; 0 asks the terminal */
  TerminalSink(PrintStream err, int width) {
    this.err = err;
    this.width = width;
  }

  @Override
  public void jobStarted(int index, int total, String job) {
    closeBar();
    err.printf("[%d/%d] %s%n", index, total, job);
    err.flush();
  }

  @Override
  public void jobFinished(String job, String outcome, double seconds) {
    closeBar();
    err.printf(Locale.ROOT, "      %s %s in %.1f s%n", job, outcome, seconds);
    err.flush();
  }

  @Override
  public void stageStarted(StageProgress stage) {
    closeBar();
    barStage = stage;
    bar = new ProgressBarBuilder()
        .setTaskName((stage.job == null ? "" : stage.job + " ") + stage.label())
        .setInitialMax(stage.tasks)
        .setUnit(" tasks", 1)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(width > 0 ? new ConsoleProgressBarConsumer(err, width) : new ConsoleProgressBarConsumer(err))
        .setUpdateIntervalMillis(250)
        .clearDisplayOnFinish()
        .build();
  }

  @Override
  public void taskEnded(StageProgress stage) {
    if (stage == barStage) {
      bar.stepTo(stage.succeeded + stage.failed);
      if (stage.failed > 0) {
        bar.setExtraMessage(stage.failed + " failed");
      }
    }
  }

  @Override
  public void stageCompleted(StageProgress stage) {
    if (stage == barStage) {
      bar.stepTo(stage.succeeded + stage.failed);
      if (stage.failureReason != null) {
        bar.setExtraMessage("failed");
      }
      closeBar();
    }
  }

  @Override
  public void close() {
    closeBar();
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
      barStage = null;
    }
  }
}
