package io.crm.jobs.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Date options are read as text and parsed here rather than by picocli, so that a bad date is a
 * bad input (one line, exit 3) like every other bad value, not a usage error.
 */
final class DateOptions {
  private DateOptions() {}

  /** {@code value} as a date; null when the option was not given. */
  static LocalDate parse(String option, String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new UserException(option + " must be a date like 2025-12-31, got '" + value + "'");
    }
  }
}
