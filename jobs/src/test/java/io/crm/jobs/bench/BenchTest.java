package io.crm.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.pipeline.Pipeline;
import io.crm.jobs.pipeline.Step;
import io.crm.jobs.progress.LogFormat;
import io.crm.jobs.progress.Progress;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small bench end to end: every job measured from scratch and for one night, and the yardstick agreeing on counts. */
class BenchTest {
  @TempDir Path dir;

  @Test
  void measuresEveryJobFromScratchAndANightAndAgreesWithDuckDbOnOrders() throws Exception {
    Progress quiet = Progress.create(LogFormat.TEXT, false, new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
    List<List<BenchReport>> checkpoints = new ArrayList<>();
    List<BenchReport> reports = new Bench(new Bench.Options(List.of(250), 120, 7, 1, dir), quiet, false, checkpoints::add).run();
    assertEquals(1, reports.size());
    BenchReport r = reports.get(0);
    assertTrue(r.complete());
    assertEquals(1, checkpoints.size(), "saved after the run from scratch (the last night saves the report)");
    BenchReport afterScratch = checkpoints.get(0).get(0);
    assertFalse(afterScratch.complete());
    assertEquals(List.of("scratch"), afterScratch.runs());
    assertEquals(3, afterScratch.yardstick().size(), "the yardstick ran before and is compared with the run from scratch");
    JobContext ctx = new JobContext(Workspace.open(dir.resolve("runs/c250-d120-s7")), null, null, false, quiet);
    List<String> jobs = Pipeline.nightly(ctx).stream().map(Step::name).toList();
    StringWriter text = new StringWriter();
    r.print(new PrintWriter(text));
    System.out.println(text);
    assertEquals(List.of("scratch", "night 1"), r.runs());
    for (String run : r.runs()) {
      assertEquals(jobs, r.jobs(run).stream().map(JobFigures::job).toList(), run);
      for (JobFigures j : r.jobs(run)) {
        assertEquals("ok", j.outcome(), run + " " + j.job());
        assertTrue(j.wallSeconds() > 0 && j.cpuSeconds() > 0 && j.peakHeapMb() > 0, j.toString());
      }
      for (String job : List.of("ingest", "conform")) {
        JobFigures j = r.jobs(run).stream().filter(f -> f.job().equals(job)).findFirst().orElseThrow();
        assertTrue(j.rowsOut() > 0, run + " " + j);
      }
    }
    assertEquals(1, r.nightGenerations().size());
    assertEquals(r.jobs("night 1").get(1).asOf(), r.nightGenerations().get(0).day());
    assertFalse(r.generation().cached());

    assertEquals(3, r.yardstick().size());
    for (BenchReport.Yardstick y : r.yardstick()) {
      assertTrue(y.ourSeconds() > 0 && y.duckDbSeconds() > 0, y.toString());
    }
    BenchReport.Compared orders = r.yardstick().get(1).rows().get(0);
    assertEquals("orders", orders.what());
    assertTrue(orders.ours() > 0);
    assertEquals(orders.ours(), orders.duckDb(), "DuckDB finds the orders we find");

    assertTrue(text.toString().contains("night 1") && text.toString().contains("yardstick"), text.toString());
    Path json = dir.resolve("bench.json");
    Bench.writeJson(reports, json);
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(2 * jobs.size(), root.get(0).path("jobs").size());
    assertTrue(root.get(0).path("complete").asBoolean());
  }
}
