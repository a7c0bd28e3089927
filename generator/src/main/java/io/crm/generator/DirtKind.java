package io.crm.generator;

/**
 * Kinds of dirty rows injected into the landing files, each as an extra row next to a clean one
 * (so the clean data, and the truth computed from it, stay intact), with the quarantine reason
 * an ingest should give it.
 */
public enum DirtKind {
  /** Cut-off line: too few fields, unterminated JSON, a log line that ends inside the request. */
  MALFORMED("malformed", "unparseable"),
  /** The timestamp field holds text that is no date in the source's format. */
  BAD_DATE("bad_date", "bad_date"),
  /** A number field (quantity, price, score, status, bytes) holds text that is no number. */
  BAD_NUMBER("bad_number", "bad_number"),
  /** Every identifying field is blank (customer id and e-mail; for events also ids and ts). */
  MISSING_KEY("missing_key", "missing_required"),
  /** An exact copy of the line before it. */
  DUPLICATE("duplicate", "duplicate");

  private final String key;
  private final String reason;

  DirtKind(String key, String reason) {
    this.key = key;
    this.reason = reason;
  }

  public String key() {
    return key;
  }

  /** The SPEC's quarantine reason code ("duplicate" rows are dropped, not quarantined). */
  public String reason() {
    return reason;
  }
}
