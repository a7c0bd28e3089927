package io.crm.jobs.progress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * For machines (`--log-format json`): one JSON object per line and event, each with "time" (UTC,
 * ISO-8601) and "event": job_started, job_finished, stage_started, stage_completed. Tasks are
 * counted in stage_completed rather than reported one by one.
 */
final class JsonSink implements ProgressSink {
  private static final JsonFactory JSON = new JsonFactory();

  private final PrintStream err;
  private final Clock clock;

  JsonSink(PrintStream err, Clock clock) {
    this.err = err;
    this.clock = clock;
  }

  /** The fields of one event after "time" and "event". */
  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  @Override
  public void jobStarted(int index, int total, String job) {
    emit("job_started", g -> {
      g.writeStringField("job", job);
      g.writeNumberField("index", index);
      g.writeNumberField("total", total);
    });
  }

  @Override
  public void jobFinished(String job, String outcome, double seconds) {
    emit("job_finished", g -> {
      g.writeStringField("job", job);
      g.writeStringField("outcome", outcome);
      g.writeNumberField("seconds", Math.round(seconds * 1000) / 1000.0);
    });
  }

  @Override
  public void stageStarted(StageProgress stage) {
    emit("stage_started", g -> {
      stageFields(g, stage);
      g.writeNumberField("tasks", stage.tasks);
    });
  }

  @Override
  public void stageCompleted(StageProgress stage) {
    emit("stage_completed", g -> {
      stageFields(g, stage);
      g.writeStringField("outcome", stage.failureReason == null ? "ok" : "failed");
      g.writeNumberField("tasks", stage.tasks);
      g.writeNumberField("tasks_succeeded", stage.succeeded);
      g.writeNumberField("tasks_failed", stage.failed);
      g.writeNumberField("seconds", Duration.between(stage.started, stage.completed).toMillis() / 1000.0);
      if (stage.failureReason != null) {
        g.writeStringField("error", firstLine(stage.failureReason));
      }
    });
  }

  private static void stageFields(JsonGenerator g, StageProgress stage) throws IOException {
    if (stage.job != null) {
      g.writeStringField("job", stage.job);
    }
    g.writeNumberField("stage", stage.stageId);
    g.writeNumberField("attempt", stage.attempt);
    g.writeStringField("name", stage.name);
  }

  private void emit(String event, Fields fields) {
    StringWriter line = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(line)) {
      g.writeStartObject();
      g.writeStringField("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
      g.writeStringField("event", event);
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    err.println(line);
    err.flush();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
