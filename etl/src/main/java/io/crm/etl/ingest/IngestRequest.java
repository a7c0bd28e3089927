package io.crm.etl.ingest;

import io.crm.etl.source.SourceConfig;
import java.util.List;

/**
 * @param sources the sources to ingest (already narrowed by --source, paths overridden by --path)
 * @param force re-read files the ledger says were ingested already
 * @param reprocessQuarantine instead of new files, read again the files that quarantined rows
 *     came from, under the current configuration: what now parses moves to bronze
 */
public record IngestRequest(List<SourceConfig> sources, boolean force, boolean reprocessQuarantine) {
  public IngestRequest(List<SourceConfig> sources, boolean force) {
    this(sources, force, false);
  }

  public IngestRequest {
    if (force && reprocessQuarantine) {
      throw new IllegalArgumentException("reprocessing quarantine re-reads files already; it does not take force");
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no sources to ingest (crm.yaml has no `sources:` entries)");
    }
    sources = List.copyOf(sources);
  }
}
