package io.crm.etl.ingest;

/**
 * Thrown while converting one record that must go to quarantine. Carries no stack trace: it is
 * control flow for bad input, which can be frequent, not a program error.
 */
final class RejectedRecord extends Exception {
  private final ReasonCode reason;

  RejectedRecord(ReasonCode reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  ReasonCode reason() {
    return reason;
  }

  String detail() {
    return getMessage();
  }
}
