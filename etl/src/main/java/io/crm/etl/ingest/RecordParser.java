package io.crm.etl.ingest;

/** Splits one record's text into field texts aligned with the source's canonical fields. */
interface RecordParser {
  /** Whether the first line of each file names the columns (then {@link #header} gets it). */
  default boolean hasHeader() {
    return false;
  }

  default void header(String text) {}

  /** Whether a record may continue on the next line (an open quote). */
  default boolean continues(CharSequence recordSoFar) {
    return false;
  }

  /** Field texts aligned with SourceConfig.fields(); null = absent. */
  String[] fields(String text) throws RejectedRecord;
}
