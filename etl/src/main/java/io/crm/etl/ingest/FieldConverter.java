package io.crm.etl.ingest;

import io.crm.etl.source.Dialect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Converts one field's text to its bronze type following a dialect: decimal comma, date and
 * timestamp patterns, the zone of offset-less values. Not thread-safe; one per parsing task.
 */
final class FieldConverter {
  private static final int MIN_YEAR = 1900;
  private static final int MAX_YEAR = 2100;
  private static final BigDecimal MAX_MONEY = new BigDecimal("99999999999999.9999");
  private static final Pattern PLAIN_DOT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern GROUPED_DOT = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");
  private static final Pattern PLAIN_COMMA = Pattern.compile("[+-]?(\\d+(,\\d*)?|,\\d+)");
  private static final Pattern GROUPED_COMMA = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{3})+(,\\d*)?");

  private final char decimal;
  private final ZoneId zone;
  private final DateTimeFormatter timestampFormat;
  private final String timestampPattern;
  private final DateTimeFormatter dateFormat;
  private final String datePattern;

  FieldConverter(Dialect dialect) {
    this(dialect, dialect.timestampFormat());
  }

  /** @param timestampPattern overrides the dialect's (access logs have their own fixed pattern) */
  FieldConverter(Dialect dialect, String timestampPattern) {
    this.decimal = dialect.decimal();
    this.zone = dialect.timezone();
    this.timestampPattern = timestampPattern == null ? "ISO-8601" : timestampPattern;
    this.timestampFormat = timestampPattern == null ? iso() : strict(timestampPattern);
    this.datePattern = dialect.dateFormat();
    this.dateFormat = datePattern == null ? null : strict(datePattern);
  }

  /** The pattern as written, with year-of-era turned into proleptic year so STRICT parsing works. */
  static DateTimeFormatter strict(String pattern) {
    StringBuilder sb = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (char c : pattern.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      }
      sb.append(!quoted && c == 'y' ? 'u' : c);
    }
    return DateTimeFormatter.ofPattern(sb.toString(), Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
  }

  /** ISO-8601 date-time, 'T' or a blank between date and time, seconds and offset optional. */
  static DateTimeFormatter iso() {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .append(DateTimeFormatter.ISO_LOCAL_DATE)
        .optionalStart().appendLiteral('T').optionalEnd()
        .optionalStart().appendLiteral(' ').optionalEnd()
        .appendValue(ChronoField.HOUR_OF_DAY, 2)
        .appendLiteral(':')
        .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
        .optionalStart()
        .appendLiteral(':')
        .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
        .optionalStart()
        .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
        .optionalEnd()
        .optionalEnd()
        .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
        .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
        .toFormatter(Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT)
        .withChronology(java.time.chrono.IsoChronology.INSTANCE);
  }

  Timestamp timestamp(String field, String text) throws RejectedRecord {
    String t = text.trim();
    Instant instant = null;
    try {
      // one parse, then the offset or zone if the text has one: trying OffsetDateTime, then
      // ZonedDateTime, then LocalDateTime (parseBest) throws two exceptions for every value
      // without an offset, which cost more than the parse itself on tens of millions of rows
      TemporalAccessor parsed = timestampFormat.parse(t);
      LocalDateTime local = LocalDateTime.from(parsed);
      ZoneOffset offset = parsed.query(TemporalQueries.offset());
      if (offset != null) {
        instant = local.toInstant(offset);
      } else {
        ZoneId given = parsed.query(TemporalQueries.zoneId());
        instant = local.atZone(given != null ? given : zone).toInstant();
      }
    } catch (DateTimeException e) {
      if (dateFormat != null) {
        try {
          instant = LocalDate.parse(t, dateFormat).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e2) {
          // reported below with both patterns
        }
      }
    }
    if (instant == null) {
      throw new RejectedRecord(
          ReasonCode.BAD_DATE,
          field + ": '" + text + "' does not match " + timestampPattern + (datePattern == null ? "" : " or " + datePattern));
    }
    int year = instant.atZone(zone).getYear();
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new RejectedRecord(
          ReasonCode.OUT_OF_RANGE, field + ": '" + text + "' is outside the years " + MIN_YEAR + "-" + MAX_YEAR);
    }
    return Timestamp.from(instant);
  }

  BigDecimal decimal(String field, String text) throws RejectedRecord {
    BigDecimal v = number(field, text);
    if (v.abs().compareTo(MAX_MONEY) > 0) {
      throw new RejectedRecord(ReasonCode.OUT_OF_RANGE, field + ": '" + text + "' does not fit decimal(18,4)");
    }
    return v.setScale(4, RoundingMode.HALF_UP);
  }

  long integer(String field, String text, long min, long max) throws RejectedRecord {
    BigDecimal v = number(field, text);
    BigDecimal whole;
    try {
      whole = v.stripTrailingZeros().setScale(0, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new RejectedRecord(ReasonCode.BAD_NUMBER, field + ": '" + text + "' is not a whole number");
    }
    if (whole.compareTo(BigDecimal.valueOf(min)) < 0 || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new RejectedRecord(ReasonCode.OUT_OF_RANGE, field + ": '" + text + "' is outside " + min + ".." + max);
    }
    return whole.longValue();
  }

  static Boolean bool(String field, String text) throws RejectedRecord {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "yes", "y", "true", "t", "1", "ja", "j", "x":
        return Boolean.TRUE;
      case "no", "n", "false", "f", "0", "nein":
        return Boolean.FALSE;
      default:
        throw new RejectedRecord(
            ReasonCode.OUT_OF_RANGE, field + ": '" + text + "' is not yes/no/true/false/1/0/ja/nein");
    }
  }

  /** A number in the dialect's notation; thousands separators only in the usual 3-digit groups. */
  private BigDecimal number(String field, String text) throws RejectedRecord {
    String t = text.trim();
    String normal = null;
    if (decimal == '.') {
      if (PLAIN_DOT.matcher(t).matches()) {
        normal = t;
      } else if (GROUPED_DOT.matcher(t).matches()) {
        normal = t.replace(",", "");
      }
    } else {
      if (PLAIN_COMMA.matcher(t).matches()) {
        normal = t.replace(',', '.');
      } else if (GROUPED_COMMA.matcher(t).matches()) {
        normal = t.replace(".", "").replace(',', '.');
      }
    }
    if (normal == null) {
      throw new RejectedRecord(
          ReasonCode.BAD_NUMBER, field + ": '" + text + "' is not a number with decimal '" + decimal + "'");
    }
    try {
      return new BigDecimal(normal);
    } catch (NumberFormatException e) {
      throw new RejectedRecord(ReasonCode.BAD_NUMBER, field + ": '" + text + "' is not a number");
    }
  }
}
