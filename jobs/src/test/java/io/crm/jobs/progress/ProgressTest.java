package io.crm.jobs.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.Resubmitted$;
import org.apache.spark.Success$;
import org.apache.spark.TaskEndReason;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;
import org.apache.spark.scheduler.TaskLocality;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.immutable.List$;

/** {@link Progress} fed with real Spark listener events built by hand, one test per output mode. */
class ProgressTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-30T02:15:00Z"));

  /** A clock the test moves by hand. */
  static final class FakeClock extends Clock {
    private Instant now;

    FakeClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static StageInfo stage(int id, int attempt, String name, int tasks) {
    return new StageInfo(id, attempt, name, tasks, List$.MODULE$.empty(), List$.MODULE$.empty(), "details", null,
        List$.MODULE$.empty(), Option.empty(), 0, false, 0);
  }

  static SparkListenerTaskEnd taskEnd(int stageId, int attempt, long taskId, TaskEndReason reason) {
    TaskInfo info = new TaskInfo(taskId, (int) taskId, 0, (int) taskId, 0L, "driver", "localhost", TaskLocality.PROCESS_LOCAL(), false);
    return new SparkListenerTaskEnd(stageId, attempt, "ResultTask", reason, info, null, null);
  }

  /** Job 2 of 6 with one stage of four tasks, one of which fails, taking 1.5 s. */
  private void conformWithOneStage(Progress progress) {
    SparkProgressListener listener = progress.listener();
    progress.jobStarted(2, 6, "conform");
    StageInfo info = stage(3, 0, "parquet at Conform.java:88", 4);
    listener.onStageSubmitted(new SparkListenerStageSubmitted(info, new Properties()));
    for (long t = 0; t < 3; t++) {
      listener.onTaskEnd(taskEnd(3, 0, t, Success$.MODULE$));
    }
    listener.onTaskEnd(taskEnd(3, 0, 3, Resubmitted$.MODULE$));
    clock.advance(Duration.ofMillis(1500));
    listener.onStageCompleted(new SparkListenerStageCompleted(info));
    progress.jobFinished("conform", "ok", 1.5);
    progress.close();
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private List<JsonNode> events() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : printed().split("\n")) {
      out.add(MAPPER.readTree(line));
    }
    return out;
  }

  @Test
  void jsonWritesOneObjectPerEvent() throws Exception {
    conformWithOneStage(Progress.create(LogFormat.JSON, true, err, clock));
    List<JsonNode> events = events();
    assertEquals(List.of("job_started", "stage_started", "stage_completed", "job_finished"),
        events.stream().map(e -> e.get("event").asText()).toList());
    JsonNode started = events.get(0);
    assertEquals("2026-11-30T02:15:00Z", started.get("time").asText());
    assertEquals("conform", started.get("job").asText());
    assertEquals(2, started.get("index").asInt());
    assertEquals(6, started.get("total").asInt());
    JsonNode stageStarted = events.get(1);
    assertEquals(3, stageStarted.get("stage").asInt());
    assertEquals("conform", stageStarted.get("job").asText());
    assertEquals("parquet at Conform.java:88", stageStarted.get("name").asText());
    assertEquals(4, stageStarted.get("tasks").asInt());
    JsonNode completed = events.get(2);
    assertEquals("ok", completed.get("outcome").asText());
    assertEquals(3, completed.get("tasks_succeeded").asInt());
    assertEquals(1, completed.get("tasks_failed").asInt());
    assertEquals(1.5, completed.get("seconds").asDouble());
    assertEquals("2026-11-30T02:15:01.500Z", completed.get("time").asText());
    JsonNode finished = events.get(3);
    assertEquals("ok", finished.get("outcome").asText());
    assertEquals(1.5, finished.get("seconds").asDouble());
  }

  @Test
  void jsonNamesAFailedStageAndItsReason() throws Exception {
    Progress progress = Progress.create(LogFormat.JSON, false, err, clock);
    StageInfo info = stage(7, 1, "collect at Segments.java:40", 2);
    progress.listener().onStageSubmitted(new SparkListenerStageSubmitted(info, new Properties()));
    info.failureReason_$eq(Option.apply("Job aborted\nwith a long trace"));
    progress.listener().onStageCompleted(new SparkListenerStageCompleted(info));
    JsonNode completed = events().get(1);
    assertEquals("failed", completed.get("outcome").asText());
    assertEquals("Job aborted", completed.get("error").asText());
    assertEquals(1, completed.get("attempt").asInt());
    assertFalse(completed.has("job"), completed.toString());
  }

  @Test
  void textOffATerminalSaysNothing() {
    conformWithOneStage(Progress.create(LogFormat.TEXT, false, err, clock));
    assertEquals("", printed());
  }

  @Test
  void aTerminalGetsJobLinesAndAStageBar() {
    conformWithOneStage(new Progress(new TerminalSink(err, 100), clock));
    String out = printed();
    assertTrue(out.contains("[2/6] conform\n"), out);
    assertTrue(out.contains("conform stage 3"), out);
    assertTrue(out.contains("100%"), out);
    assertTrue(out.contains("4/4"), out);
    assertTrue(out.contains("1 failed"), out);
    assertTrue(out.contains("conform ok in 1.5 s"), out);
  }

  @Test
  void eventsOfStagesSeenOnlyHalfAreIgnored() {
    Progress progress = Progress.create(LogFormat.JSON, false, err, clock);
    progress.listener().onTaskEnd(taskEnd(9, 0, 0, Success$.MODULE$));
    progress.listener().onStageCompleted(new SparkListenerStageCompleted(stage(9, 0, "x", 1)));
    assertEquals("", printed());
  }

  @Test
  void aRetriedStageIsLabelledWithItsAttempt() {
    Progress progress = new Progress(new TerminalSink(err, 100), clock);
    progress.listener().onStageSubmitted(new SparkListenerStageSubmitted(stage(5, 1, "x", 2), new Properties()));
    progress.close();
    assertTrue(printed().contains("stage 5.1"), printed());
  }
}
