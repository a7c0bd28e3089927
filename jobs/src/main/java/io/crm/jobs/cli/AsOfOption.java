package io.crm.jobs.cli;

import java.time.LocalDate;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** The `--as-of DATE` option of the jobs that build a dated snapshot. */
public final class AsOfOption {
  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "Snapshot date (yyyy-MM-dd). Default: yesterday in the business time zone of crm.yaml.")
  String asOf;

  /** The date given, or yesterday in {@code zone}. */
  public LocalDate resolve(ZoneId zone) {
    if (asOf == null) {
      return LocalDate.now(zone).minusDays(1);
    }
    return DateOptions.parse("--as-of", asOf);
  }
}
