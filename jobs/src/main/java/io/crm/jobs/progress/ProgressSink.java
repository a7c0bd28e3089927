package io.crm.jobs.progress;

/**
 * Where {@link Progress} sends its events. Calls arrive from the pipeline's thread and from
 * Spark's listener bus, serialised by {@link Progress}. Every method does nothing by default,
 * which is the quiet sink.
 */
interface ProgressSink {
  default void jobStarted(int index, int total, String job) {}

  default void jobFinished(String job, String outcome, double seconds) {}

  default void stageStarted(StageProgress stage) {}

  default void taskEnded(StageProgress stage) {}

  default void stageCompleted(StageProgress stage) {}

  default void close() {}
}
