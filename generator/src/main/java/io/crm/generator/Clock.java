package io.crm.generator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Fast timestamp text for every format the landing files use. Seconds are counted from the start
 * of the period; everything down to the hour is precomputed per hour, so writing millions of
 * timestamps costs a few appends instead of a DateTimeFormatter call each.
 */
final class Clock {
  private static final String[] MONTH_ABBR = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private final String[] isoPrefix;   // 2024-03-05T14:   (local)
  private final String[] isoOffset;   // +01:00
  private final String[] logPrefix;   // 05/Mar/2024:14:  (local)
  private final String[] logOffset;   // " +0100"
  private final String[] dePrefix;    // 05.03.2024 14:   (local)
  private final String[] localPrefix; // 2024-03-05 14:   (local)
  private final String[] utcPrefix;   // 2024-03-05 13:   (UTC)
  private final int[] month;          // month index of the local time
  private final String[] monthLabels;
  private final int[] localYear;

  Clock(Instant start, int hours, ZoneId zone) {
    isoPrefix = new String[hours];
    isoOffset = new String[hours];
    logPrefix = new String[hours];
    logOffset = new String[hours];
    dePrefix = new String[hours];
    localPrefix = new String[hours];
    utcPrefix = new String[hours];
    month = new int[hours];
    localYear = new int[hours];
    ZonedDateTime first = start.atZone(zone);
    int firstMonth = first.getYear() * 12 + first.getMonthValue() - 1;
    ZonedDateTime lastLocal = start.plusSeconds(hours * 3600L - 1).atZone(zone);
    int months = lastLocal.getYear() * 12 + lastLocal.getMonthValue() - 1 - firstMonth + 1;
    monthLabels = new String[months];
    for (int m = 0; m < months; m++) {
      int ym = firstMonth + m;
      monthLabels[m] = String.format(Locale.ROOT, "%04d-%02d", ym / 12, ym % 12 + 1);
    }
    for (int h = 0; h < hours; h++) {
      Instant t = start.plusSeconds(h * 3600L);
      ZonedDateTime z = t.atZone(zone);
      ZonedDateTime u = t.atZone(ZoneOffset.UTC);
      String y = String.format(Locale.ROOT, "%04d", z.getYear());
      String mo = two(z.getMonthValue());
      String d = two(z.getDayOfMonth());
      String hh = two(z.getHour());
      int offMin = z.getOffset().getTotalSeconds() / 60;
      String sign = offMin < 0 ? "-" : "+";
      String oh = two(Math.abs(offMin) / 60);
      String om = two(Math.abs(offMin) % 60);
      isoPrefix[h] = y + "-" + mo + "-" + d + "T" + hh + ":";
      isoOffset[h] = sign + oh + ":" + om;
      logPrefix[h] = d + "/" + MONTH_ABBR[z.getMonthValue() - 1] + "/" + y + ":" + hh + ":";
      logOffset[h] = " " + sign + oh + om;
      dePrefix[h] = d + "." + mo + "." + y + " " + hh + ":";
      localPrefix[h] = y + "-" + mo + "-" + d + " " + hh + ":";
      utcPrefix[h] = String.format(Locale.ROOT, "%04d-%s-%s %s:", u.getYear(), two(u.getMonthValue()),
          two(u.getDayOfMonth()), two(u.getHour()));
      month[h] = z.getYear() * 12 + z.getMonthValue() - 1 - firstMonth;
      localYear[h] = z.getYear();
    }
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  private static void appendTwo(StringBuilder sb, int v) {
    sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  int months() {
    return monthLabels.length;
  }

  String monthLabel(int m) {
    return monthLabels[m];
  }

  int month(long second) {
    return month[(int) (second / 3600)];
  }

  int year(long second) {
    return localYear[(int) (second / 3600)];
  }

  /** ISO-8601 local time with offset, e.g. 2024-03-05T14:22:10+01:00. */
  void iso(StringBuilder sb, long second) {
    int h = (int) (second / 3600);
    int rest = (int) (second - h * 3600L);
    sb.append(isoPrefix[h]);
    appendTwo(sb, rest / 60);
    sb.append(':');
    appendTwo(sb, rest % 60);
    sb.append(isoOffset[h]);
  }

  /** ISO-8601 with milliseconds, e.g. 2024-03-05T14:22:10.123+01:00. */
  void isoMillis(StringBuilder sb, long second, int millis) {
    int h = (int) (second / 3600);
    int rest = (int) (second - h * 3600L);
    sb.append(isoPrefix[h]);
    appendTwo(sb, rest / 60);
    sb.append(':');
    appendTwo(sb, rest % 60);
    sb.append('.');
    sb.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
    sb.append(isoOffset[h]);
  }

  /** Access-log time without brackets, e.g. 05/Mar/2024:14:22:10 +0100. */
  void log(StringBuilder sb, long second) {
    toSecond(sb.append(logPrefix[(int) (second / 3600)]), second).append(logOffset[(int) (second / 3600)]);
  }

  /** German local time to the minute, e.g. 05.03.2024 14:22. */
  String german(long second) {
    return toMinute(dePrefix, second);
  }

  /** Local time to the minute without offset, e.g. 2024-03-05 14:22. */
  String localMinute(long second) {
    return toMinute(localPrefix, second);
  }

  /** UTC time to the second without offset, e.g. 2024-03-05 13:22:10. */
  String utcSeconds(long second) {
    return toSecond(new StringBuilder(19).append(utcPrefix[(int) (second / 3600)]), second).toString();
  }

  /** The hour's prefix (date and hour, as pre-formatted per hour) and the minute. */
  private static String toMinute(String[] hourPrefix, long second) {
    StringBuilder sb = new StringBuilder(16).append(hourPrefix[(int) (second / 3600)]);
    appendTwo(sb, (int) (second % 3600 / 60));
    return sb.toString();
  }

  /** Appends minute:second of the hour to a builder that already holds the hour's prefix. */
  private static StringBuilder toSecond(StringBuilder sb, long second) {
    int rest = (int) (second % 3600);
    appendTwo(sb, rest / 60);
    sb.append(':');
    appendTwo(sb, rest % 60);
    return sb;
  }

  String iso(long second) {
    StringBuilder sb = new StringBuilder(25);
    iso(sb, second);
    return sb.toString();
  }
}
