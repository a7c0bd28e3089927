package io.crm.etl.ingest;

import java.time.LocalDate;
import java.util.List;

/** One `crm ingest` run: its id, the ingest_date partition it wrote, and each source's counts. */
public record IngestResult(String runId, LocalDate ingestDate, List<SourceResult> sources) {}
