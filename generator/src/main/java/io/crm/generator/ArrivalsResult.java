package io.crm.generator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a continuation of the generated data wrote: the new days (each with rows per source, dirty
 * rows included, and its files relative to landing/), the dirty rows injected and how long it took.
 */
public record ArrivalsResult(Path home, int customers, List<Night> nights, long dirtyRows, double seconds) {

  /** One day of arrivals: rows per source and the files, one per source. */
  public record Night(LocalDate day, Map<String, Long> rowsBySource, List<String> files) {}

  /** The day after the last day now generated. */
  public LocalDate endExclusive() {
    return nights.get(nights.size() - 1).day().plusDays(1);
  }
}
