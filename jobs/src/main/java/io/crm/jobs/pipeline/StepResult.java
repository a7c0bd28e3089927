package io.crm.jobs.pipeline;

import java.util.Map;

/**
 * What a step did, for the console and the run ledger.
 *
 * @param text the step's report for people, printed as it ends
 * @param rowsIn rows read (-1 when the step does not count them)
 * @param rowsOut rows written
 * @param rowsQuarantined rows set aside as bad input
 * @param metrics figures worth keeping per run (model fit, AUC, grouping sets ...)
 */
public record StepResult(String text, long rowsIn, long rowsOut, long rowsQuarantined, Map<String, Object> metrics) {
  public StepResult {
    metrics = Map.copyOf(metrics);
  }

  public static StepResult of(String text, long rowsIn, long rowsOut) {
    return new StepResult(text, rowsIn, rowsOut, 0, Map.of());
  }
}
