package io.crm.jobs.progress;

import java.time.Instant;

/** One attempt of a Spark stage as far as it has run: what the sinks show. */
final class StageProgress {
  final int stageId;
  final int attempt;
  final String name;
  final int tasks;
  final String job;
  final Instant started;
  int succeeded;
  int failed;
  /** Null while running or when it succeeded. */
  String failureReason;
  Instant completed;

  StageProgress(int stageId, int attempt, String name, int tasks, String job, Instant started) {
    this.stageId = stageId;
    this.attempt = attempt;
    this.name = name;
    this.tasks = tasks;
    this.job = job;
    this.started = started;
  }

  /** "stage 12" or "stage 12.1" for a retried attempt. */
  String label() {
    return "stage " + stageId + (attempt > 0 ? "." + attempt : "");
  }
}
