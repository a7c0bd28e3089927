package io.crm.jobs.bench;

import io.crm.jobs.pipeline.Step;
import io.crm.jobs.pipeline.StepResult;
import io.crm.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A pipeline step as it is, measured: the {@link io.crm.jobs.pipeline.Pipeline} runs it exactly
 * as in a night, and each run adds its {@link JobFigures} to the given list (failed runs too).
 */
final class MeasuredStep implements Step {
  private final Step step;
  private final String run;
  private final List<JobFigures> figures;

  MeasuredStep(Step step, String run, List<JobFigures> figures) {
    this.step = step;
    this.run = run;
    this.figures = figures;
  }

  @Override
  public String name() {
    return step.name();
  }

  @Override
  public List<String> inputs() {
    return step.inputs();
  }

  @Override
  public List<String> outputs() {
    return step.outputs();
  }

  @Override
  public boolean dated() {
    return step.dated();
  }

  @Override
  public boolean readsCommitted() {
    return step.readsCommitted();
  }

  @Override
  public StepResult run(Warehouse warehouse, LocalDate asOf) {
    ProcessMeter meter = new ProcessMeter();
    meter.start();
    try {
      StepResult r = step.run(warehouse, asOf);
      ProcessMeter.Reading m = meter.stop();
      figures.add(new JobFigures(run, step.name(), asOf, "ok", m.wallSeconds(), m.cpuSeconds(), m.peakHeapMb(),
          r.rowsIn(), r.rowsOut(), r.metrics()));
      return r;
    } catch (RuntimeException e) {
      ProcessMeter.Reading m = meter.stop();
      figures.add(new JobFigures(run, step.name(), asOf, "failed", m.wallSeconds(), m.cpuSeconds(), m.peakHeapMb(),
          -1, -1, Map.of()));
      throw e;
    }
  }
}
