package io.crm.generator;

import java.nio.file.Path;
import java.util.Map;

/**
 * What `crm generate` wrote: data rows per source (dirty rows included), dirty rows per source and
 * kind, the number of files and bytes, and how long it took.
 */
public record GenerationResult(
    Path home,
    int customers,
    Map<String, Long> rowsBySource,
    Map<String, Map<String, Long>> dirtyBySource,
    long dirtyRows,
    int files,
    long bytes,
    String truncatedFile,
    double seconds) {}
