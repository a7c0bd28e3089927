package io.crm.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The nightly graph as declared: order, and every input made by an earlier step or arriving from outside. */
class PipelineTest {
  private final List<Step> night = Pipeline.nightly(new JobContext(null, null, null, false, null));

  @Test
  void theNightRunsItsStepsInDependencyOrder() {
    assertEquals(List.of("ingest", "conform", "segment", "clv", "churn score", "cubes", "report"),
        night.stream().map(Step::name).toList());
  }

  @Test
  void onlyTheReportReadsTheCommittedNight() {
    assertEquals(List.of("report"), night.stream().filter(Step::readsCommitted).map(Step::name).toList());
  }

  @Test
  void everyInputOfANightIsWrittenByAnEarlierStepOrArrives() {
    Set<String> available = new HashSet<>(Set.of("landing/*"));
    for (Step step : night) {
      for (String input : step.inputs()) {
        assertTrue(available.contains(input) || available.contains(input.replaceAll("/[^/]+$", "/*")),
            step.name() + " reads " + input + ", which no earlier step writes");
      }
      available.addAll(step.outputs());
      step.outputs().stream().filter(o -> o.startsWith("bronze/")).forEach(o -> available.add("bronze/*"));
    }
  }
}
