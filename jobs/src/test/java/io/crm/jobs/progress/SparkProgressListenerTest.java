package io.crm.jobs.progress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.jobs.spark.SparkSessions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The listener on a real local SparkContext reports the stages of a small job. */
class SparkProgressListenerTest {

  @Test
  void reportsTheStagesOfARealJob() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress = Progress.create(LogFormat.JSON, false, new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.systemUTC());
    SparkSession spark = SparkSessions.getOrCreate("progress test");
    progress.attach(spark.sparkContext());
    try {
      progress.jobStarted(1, 1, "sum");
      spark.range(0, 1000, 1, 3).selectExpr("sum(id)").collectAsList();
      progress.jobFinished("sum", "ok", 0.1);
      // the listener bus delivers asynchronously
      long deadline = System.currentTimeMillis() + 30_000;
      while (!bytes.toString(StandardCharsets.UTF_8).contains("stage_completed") && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
    } finally {
      progress.detach(spark.sparkContext());
    }
    List<JsonNode> completed = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      JsonNode e = new ObjectMapper().readTree(line);
      if (e.get("event").asText().equals("stage_completed")) {
        completed.add(e);
      }
    }
    assertTrue(!completed.isEmpty(), bytes.toString(StandardCharsets.UTF_8));
    assertTrue(completed.stream().allMatch(e -> e.get("outcome").asText().equals("ok")
        && e.get("tasks_succeeded").asInt() == e.get("tasks").asInt() && e.get("tasks").asInt() > 0), completed.toString());
  }
}
