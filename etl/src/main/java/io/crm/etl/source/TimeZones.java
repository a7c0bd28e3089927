package io.crm.etl.source;

import java.time.DateTimeException;
import java.time.ZoneId;

/** Time zone ids as crm.yaml spells them (the business `timezone:` and each dialect's). */
public final class TimeZones {
  private TimeZones() {}

  /**
   * The zone named {@code id}; a missing or unknown id is an error naming the YAML path and the
   * value, e.g. {@code sources.shop.dialect.timezone: unknown time zone 'Mars/Olympus' (...)}.
   */
  public static ZoneId parse(String yamlPath, String id) {
    try {
      if (id != null) {
        return ZoneId.of(id);
      }
    } catch (DateTimeException e) {
      throw unknown(yamlPath, id, e);
    }
    throw unknown(yamlPath, id, null);
  }

  private static IllegalArgumentException unknown(String yamlPath, String id, Exception cause) {
    return new IllegalArgumentException(
        yamlPath + ": unknown time zone '" + id + "' (use an id like Europe/Berlin)", cause);
  }
}
