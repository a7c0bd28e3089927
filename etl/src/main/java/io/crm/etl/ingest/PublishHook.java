package io.crm.etl.ingest;

/**
 * Called after a source's new bronze and quarantine partitions are fully written to the
 * temporary folder and before they are renamed into place. Production passes {@link #NONE};
 * the crash test passes one that throws, to prove the previous bronze survives.
 */
@FunctionalInterface
public interface PublishHook {
  PublishHook NONE = source -> {};

  void beforePublish(String source);
}
