package io.crm.jobs.progress;

import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/** Turns Spark's stage and task events into calls on {@link Progress}. */
public final class SparkProgressListener extends SparkListener {
  private final Progress progress;

  SparkProgressListener(Progress progress) {
    this.progress = progress;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    StageInfo info = event.stageInfo();
    progress.stageSubmitted(info.stageId(), info.attemptNumber(), info.name(), info.numTasks());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    progress.taskEnded(event.stageId(), event.stageAttemptId(), event.reason() == Success$.MODULE$);
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted event) {
    StageInfo info = event.stageInfo();
    progress.stageCompleted(info.stageId(), info.attemptNumber(),
        info.failureReason().isDefined() ? info.failureReason().get() : null);
  }
}
