package io.crm.etl.ingest;

import java.util.Locale;

/** Why a record went to quarantine (SPEC.md, "Bronze"); stored in lower case. */
public enum ReasonCode {
  /** The record's structure is broken: wrong field count, unbalanced quote, not JSON, not the log layout. */
  UNPARSEABLE,
  /** A required field is blank or its column is absent. */
  MISSING_REQUIRED,
  BAD_NUMBER,
  BAD_DATE,
  /** Parsed, but outside the allowed values (csat 1-5, quantity 0, unknown status, year 1900-2100, ...). */
  OUT_OF_RANGE,
  /** The bytes are not valid in the source's encoding. */
  BAD_ENCODING,
  /** A compressed file ends early; the fragment after the last complete line. */
  TRUNCATED_FILE,
  /** The record is longer than the source's dialect.max_record_bytes; its start is kept. */
  TOO_LONG;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
