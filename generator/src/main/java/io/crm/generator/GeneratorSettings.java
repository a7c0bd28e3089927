package io.crm.generator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What `crm generate` was asked for: where to write, how many customers, over how many days from
 * which start date, with which seed. The same settings always give the same bytes.
 */
public record GeneratorSettings(Path home, int customers, int days, long seed, LocalDate start) {

  /** The business time zone written to crm.yaml; order timestamps carry its offset. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  public static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 1);

  public GeneratorSettings {
    if (home == null) {
      throw new IllegalArgumentException("generate: a home folder is required");
    }
    if (customers < 1 || customers > 50_000_000) {
      throw new IllegalArgumentException("generate: customers must be between 1 and 50,000,000, got " + customers);
    }
    if (days < 28 || days > 3660) {
      throw new IllegalArgumentException("generate: days must be between 28 and 3660, got " + days);
    }
    if (start == null) {
      throw new IllegalArgumentException("generate: a start date is required");
    }
  }

  /** The first day after the generated period. */
  public LocalDate end() {
    return start.plusDays(days);
  }
}
