package io.crm.jobs.bench;

import java.time.LocalDate;
import java.util.Map;

/**
 * What one job of a benchmark run cost and did.
 *
 * @param run "scratch" for the run over all the history, "night N" for the incremental ones
 * @param rowsIn rows the job read (-1 when the job does not count them)
 * @param rowsOut rows it wrote (-1 likewise)
 * @param metrics the job's own figures (cube cells, seconds per cube, ...)
 */
public record JobFigures(String run, String job, LocalDate asOf, String outcome, double wallSeconds,
    double cpuSeconds, double peakHeapMb, long rowsIn, long rowsOut, Map<String, Object> metrics) {

  /** Rows per wall-clock second: of the rows read, or of the rows written when the job does not count its input. */
  public double rowsPerSecond() {
    long rows = rowsIn > 0 ? rowsIn : rowsOut;
    return rows <= 0 || wallSeconds <= 0 ? 0 : rows / wallSeconds;
  }

  /** CPU seconds per wall second: how many cores the job kept busy on average. */
  public double coresBusy() {
    return wallSeconds <= 0 ? 0 : cpuSeconds / wallSeconds;
  }
}
