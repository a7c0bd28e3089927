package io.crm.etl.ingest;

import java.util.List;
import java.util.Map;

/**
 * What one ingest run did to one source. Always {@code read == loaded + quarantined + duplicates + erased}.
 *
 * @param read records read from the files of this run (header and blank lines excluded; the
 *     fragment at the cut of a truncated file counts as one record)
 * @param erased records of people erased from the workspace (tombstones), dropped before bronze
 *     and quarantine
 * @param quarantinedByReason reason code to number of quarantined records
 * @param anonymous loaded transaction rows with neither customer id nor e-mail (anonymous sales,
 *     part of loaded)
 * @param filesRead files parsed in this run
 * @param filesSkipped files matched but skipped as already ingested (same path, size, hash)
 * @param notes human-readable remarks: truncated files, globs matching nothing
 * @param seconds wall time spent on this source
 * @param refused files refused as a whole (empty, not gzip, binary, a header without a needed
 *     column) and a glob matching no file: nothing of them was read or recorded
 */
public record SourceResult(
    String source,
    long read,
    long loaded,
    long quarantined,
    long duplicates,
    long erased,
    long anonymous,
    Map<String, Long> quarantinedByReason,
    List<FileResult> files,
    int filesSkipped,
    List<String> notes,
    double seconds,
    List<RefusedFile> refused) {

  public SourceResult {
    if (read != loaded + quarantined + duplicates + erased) {
      throw new IllegalStateException(source + ": read " + read + " != loaded " + loaded + " + quarantined " + quarantined
          + " + duplicates " + duplicates + " + erased " + erased);
    }
  }

  /** The reason of a glob that matched no file at all. */
  public static final String NO_FILE = "no file matches";

  public int filesRead() {
    return files.size();
  }

  /** A file (or a glob that matched none) refused as a whole, and why. */
  public record RefusedFile(String path, String reason) {}

  /** One file of the run, as recorded in the ledger. */
  public record FileResult(
      String path, long size, long modifiedAt, String sha256, long read, long loaded, long quarantined, long duplicates,
      long erased) {}
}
