package io.crm.jobs.pipeline;

import io.crm.etl.conform.Conform;
import io.crm.etl.ingest.Retention;
import io.crm.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nightly's last data step when crm.yaml sets {@code retention.days}: deletes bronze,
 * quarantine and ingest ledger entries of ingest dates more than that many days before the night
 * (see {@link Retention}). It runs after the night's commit, because it deletes only bronze files
 * the committed silver has retired, so a night killed before its commit deletes nothing.
 */
public final class RetentionStep implements Step {
  private final JobContext ctx;
  private final int days;

  public RetentionStep(JobContext ctx, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("retention must keep at least one day, not " + days);
    }
    this.ctx = ctx;
    this.days = days;
  }

  @Override
  public String name() {
    return "retention";
  }

  @Override
  public List<String> inputs() {
    return List.of("silver/session_hit_files", "silver/staged_files");
  }

  @Override
  public List<String> outputs() {
    return List.of("bronze/*", "quarantine/*");
  }

  @Override
  public boolean readsCommitted() {
    return true;
  }

  @Override
  public StepResult run(Warehouse warehouse, LocalDate asOf) {
    LocalDate cutoff = asOf.minusDays(days);
    Retention.Result r = new Retention(warehouse, Conform.retiredFiles(ctx.spark(), warehouse)).run(cutoff);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("cutoff", cutoff.toString());
    metrics.put("bronze_partitions_deleted", r.bronzePartitions());
    metrics.put("bronze_partitions_not_conformed", r.bronzeKept());
    metrics.put("quarantine_partitions_deleted", r.quarantinePartitions());
    metrics.put("ingest_ledger_entries_compacted", r.ledgerEntries());
    String text = String.format("retention (%d days): ingest dates before %s deleted: %d bronze and %d quarantine partitions,"
        + " %d ingest ledger entries compacted%s%n", days, cutoff, r.bronzePartitions(), r.quarantinePartitions(), r.ledgerEntries(),
        r.bronzeKept() == 0 ? "" : "; " + r.bronzeKept() + " bronze partitions kept: conform has not consumed them yet");
    return new StepResult(text, -1, 0, 0, metrics);
  }
}
