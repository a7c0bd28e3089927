package io.crm.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.crm.etl.source.Dialect;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Timestamps with an offset, a zone or neither, in ISO-8601 and in a dialect's own pattern. */
class FieldConverterTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static FieldConverter iso(ZoneId zone) {
    return new FieldConverter(dialect(null, zone));
  }

  private static FieldConverter pattern(String timestampPattern, ZoneId zone) {
    return new FieldConverter(dialect(timestampPattern, zone));
  }

  private static Dialect dialect(String timestampPattern, ZoneId zone) {
    return new Dialect(';', '"', "UTF-8", ',', true, timestampPattern, "dd.MM.yyyy", zone, Dialect.DEFAULT_MAX_RECORD_BYTES);
  }

  private static Instant at(FieldConverter c, String text) throws RejectedRecord {
    return c.timestamp("ts", text).toInstant();
  }

  @Test
  void anOffsetInTheTextWinsOverTheDialectsZone() throws RejectedRecord {
    FieldConverter c = iso(BERLIN);
    assertEquals(Instant.parse("2024-03-01T09:30:00Z"), at(c, "2024-03-01T09:30:00Z"));
    assertEquals(Instant.parse("2024-03-01T07:30:00Z"), at(c, "2024-03-01T09:30:00+02:00"));
    assertEquals(Instant.parse("2024-03-01T07:30:00Z"), at(c, "2024-03-01 09:30+0200"));
    assertEquals(Instant.parse("2024-03-01T09:30:00.123456Z"), at(c, "2024-03-01T09:30:00.123456Z"));
  }

  @Test
  void withoutAnOffsetTheDialectsZoneAppliesWithItsSummerTime() throws RejectedRecord {
    FieldConverter c = iso(BERLIN);
    assertEquals(Instant.parse("2024-01-15T08:00:00Z"), at(c, "2024-01-15T09:00:00"));
    assertEquals(Instant.parse("2024-07-15T07:00:00Z"), at(c, "2024-07-15 09:00"));
    // the hour the clocks skip is moved forward, the hour they repeat takes the earlier offset
    assertEquals(Instant.parse("2024-03-31T01:30:00Z"), at(c, "2024-03-31T02:30:00"));
    assertEquals(Instant.parse("2024-10-27T00:30:00Z"), at(c, "2024-10-27T02:30:00"));
  }

  @Test
  void aPatternWithAZoneOrAnOffsetUsesIt() throws RejectedRecord {
    assertEquals(Instant.parse("2024-03-01T08:30:00Z"), at(pattern("dd.MM.yyyy HH:mm VV", ZoneId.of("UTC")), "01.03.2024 09:30 Europe/Berlin"));
    assertEquals(Instant.parse("2024-02-10T13:55:36Z"),
        at(pattern(AccessLogParser.TIMESTAMP_PATTERN, BERLIN), "10/Feb/2024:13:55:36 +0000"));
    assertEquals(Instant.parse("2024-03-01T08:30:00Z"), at(pattern("dd.MM.yyyy HH:mm", BERLIN), "01.03.2024 09:30"));
  }

  @Test
  void aDateAloneFallsBackToTheDatePatternAtMidnight() throws RejectedRecord {
    assertEquals(Instant.parse("2024-02-29T23:00:00Z"), at(pattern("dd.MM.yyyy HH:mm", BERLIN), "01.03.2024"));
  }

  @Test
  void textThatIsNoTimestampIsABadDate() {
    FieldConverter c = iso(BERLIN);
    for (String bad : new String[] {"yesterday", "2024-02-30T10:00:00", "2024-03-01T25:00", "01.13.2024"}) {
      RejectedRecord r = assertThrows(RejectedRecord.class, () -> c.timestamp("ts", bad), bad);
      assertEquals(ReasonCode.BAD_DATE, r.reason(), bad);
    }
  }
}
