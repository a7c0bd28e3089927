package io.crm.jobs.pipeline;

import io.crm.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.List;

/**
 * One step of the job graph: it reads the tables it names as inputs and writes the ones it names
 * as outputs, for one as_of date. A step stages its outputs in the {@link Warehouse}; the
 * {@link Pipeline} that runs it commits them. Collaborators and options come in the constructor.
 */
public interface Step {
  /** The job name in the run ledger, e.g. "ingest", "churn score". */
  String name();

  /** Tables read, as layer/table ("bronze/*" for every source). */
  List<String> inputs();

  /** Tables written. */
  List<String> outputs();

  /** Whether the step cuts its data at as_of (segment, clv, ...) rather than taking everything that arrived. */
  default boolean dated() {
    return true;
  }

  /**
   * Whether the step reads the committed state (through crm.duckdb, as analysts do) rather than
   * what the steps before it staged; such steps run after the day's commit.
   */
  default boolean readsCommitted() {
    return false;
  }

  /**
   * Called once when a run that includes this step starts, before any step runs: starts in the
   * background one-time work that the step's first run would otherwise wait for.
   */
  default void warmUp() {}

  StepResult run(Warehouse warehouse, LocalDate asOf);
}
