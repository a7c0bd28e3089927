package io.crm.jobs.pipeline;

import io.crm.jobs.report.ManagementReport;
import io.crm.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The management report of a night (see {@link ManagementReport}). It reads what analysts see,
 * through crm.duckdb, so it runs after the night's commit.
 */
public final class ReportStep implements Step {
  private final JobContext ctx;
  private final List<String> languages;

  public ReportStep(JobContext ctx, List<String> languages) {
    this.ctx = ctx;
    this.languages = List.copyOf(languages);
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public List<String> inputs() {
    return List.of("gold/segments", "gold/clv", "gold/churn_scores", "gold/churn_model_metrics", "silver/survey_responses");
  }

  @Override
  public List<String> outputs() {
    return List.of("reports/*");
  }

  @Override
  public boolean readsCommitted() {
    return true;
  }

  @Override
  public StepResult run(Warehouse warehouse, LocalDate asOf) {
    ManagementReport.Result r = ManagementReport.write(ctx.workspace(), asOf, null, languages);
    StringBuilder text = new StringBuilder("management report as of " + asOf + " (compared with " + r.model().compareTo() + "):\n");
    for (Path p : r.paths()) {
      text.append("  ").append(p).append('\n');
    }
    return new StepResult(text.toString(), -1, r.paths().size(), 0, Map.of("files", r.paths().size()));
  }
}
