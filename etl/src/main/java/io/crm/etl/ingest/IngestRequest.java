package io.crm.etl.ingest;

import io.crm.etl.source.SourceConfig;
import java.util.List;

/**
 * @param sources the sources to ingest (already narrowed by --source, paths overridden by --path)
 * @param force re-read files the ledger says were ingested already
 */
public record IngestRequest(List<SourceConfig> sources, boolean force) {
  public IngestRequest {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no sources to ingest (crm.yaml has no `sources:` entries)");
    }
    sources = List.copyOf(sources);
  }
}
