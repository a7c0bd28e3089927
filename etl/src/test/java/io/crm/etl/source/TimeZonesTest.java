package io.crm.etl.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeZonesTest {
  @Test
  void readsARegionId() {
    assertEquals(ZoneId.of("Europe/Berlin"), TimeZones.parse("timezone", "Europe/Berlin"));
  }

  @Test
  void aBadOrMissingIdNamesThePathAndTheValue() {
    assertEquals(
        "sources.shop.dialect.timezone: unknown time zone 'Mars/Olympus' (use an id like Europe/Berlin)",
        assertThrows(IllegalArgumentException.class, () -> TimeZones.parse("sources.shop.dialect.timezone", "Mars/Olympus"))
            .getMessage());
    assertEquals(
        "timezone: unknown time zone 'null' (use an id like Europe/Berlin)",
        assertThrows(IllegalArgumentException.class, () -> TimeZones.parse("timezone", null)).getMessage());
  }
}
