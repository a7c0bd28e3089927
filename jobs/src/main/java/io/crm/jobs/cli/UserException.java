package io.crm.jobs.cli;

/**
 * A problem the user can fix (bad file, bad config, bad value). Printed as one line, exit code
 * {@link ExitCode#BAD_INPUT}, no stack trace.
 */
public class UserException extends RuntimeException {
  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
