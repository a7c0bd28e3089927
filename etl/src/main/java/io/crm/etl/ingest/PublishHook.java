package io.crm.etl.ingest;

/**
 * Called at each step of publishing a source: {@code "staged"} (new partitions written to the
 * scratch folder), {@code "intent"} (the pending ledger entry written), {@code "swap 1"},
 * {@code "swap 2"} (after each partition rename) and {@code "recorded"} (ledger entry final).
 * Production passes {@link #NONE}; crash tests pass one that throws where a kill could strike.
 */
@FunctionalInterface
public interface PublishHook {
  PublishHook NONE = (source, step) -> {};

  void at(String source, String step);
}
