package io.crm.jobs.pipeline;

/** A quality gate configured to fail did (exit code 5); the night stops before the data goes further. */
public final class QualityGateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QualityGateException(String message) {
    super(message);
  }
}
