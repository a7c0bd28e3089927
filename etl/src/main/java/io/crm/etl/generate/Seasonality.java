package io.crm.etl.generate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * Shop traffic intensity per hour of the generated period (hour of day, weekday, Black Friday,
 * the Christmas run-up and the quiet days after it, a summer dip), normalised to a mean of one.
 *
 * <p>Used as a time change: events are drawn on an "operational" clock whose unit is one average
 * day, and mapped to calendar time through the inverse of the cumulative intensity. A homogeneous
 * process on the operational clock becomes a seasonal one on the calendar, and the count of events
 * in a calendar window is exactly the count over that window's operational length, which is what
 * lets the tests compare realised counts with the BG/NBD expectation.
 */
public final class Seasonality {
  private static final double[] HOUR_OF_DAY = {
    0.20, 0.10, 0.07, 0.05, 0.05, 0.08, 0.20, 0.45, 0.75, 1.00, 1.10, 1.20,
    1.25, 1.20, 1.15, 1.10, 1.10, 1.15, 1.25, 1.45, 1.60, 1.40, 0.95, 0.50
  };
  // Monday .. Sunday
  private static final double[] WEEKDAY = {1.05, 1.00, 1.00, 1.00, 0.92, 0.83, 1.20};

  private final Instant startInstant;
  private final int hours;
  private final double[] cumulative; // operational days at the start of each hour, length hours+1

  public Seasonality(LocalDate start, int days, ZoneId zone) {
    this.startInstant = start.atStartOfDay(zone).toInstant();
    Instant end = start.plusDays(days).atStartOfDay(zone).toInstant();
    this.hours = (int) ((end.getEpochSecond() - startInstant.getEpochSecond()) / 3600);
    double[] weight = new double[hours];
    double sum = 0;
    for (int h = 0; h < hours; h++) {
      ZonedDateTime local = startInstant.plusSeconds(h * 3600L).atZone(zone);
      weight[h] = HOUR_OF_DAY[local.getHour()]
          * WEEKDAY[local.getDayOfWeek().getValue() - 1]
          * dayFactor(local.toLocalDate());
      sum += weight[h];
    }
    double scale = hours / sum; // mean weight one
    cumulative = new double[hours + 1];
    for (int h = 0; h < hours; h++) {
      cumulative[h + 1] = cumulative[h] + weight[h] * scale / 24.0;
    }
  }

  /** Seasonal factor of a calendar day (before normalisation). */
  static double dayFactor(LocalDate d) {
    int month = d.getMonthValue();
    int day = d.getDayOfMonth();
    LocalDate blackFriday = LocalDate.of(d.getYear(), 11, 1)
        .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.FRIDAY));
    if (d.equals(blackFriday)) {
      return 2.6;
    }
    if (d.equals(blackFriday.plusDays(3))) {
      return 1.9; // Cyber Monday
    }
    if (month == 12) {
      if (day <= 21) {
        return 1.35 + 0.6 * day / 21.0; // the run-up to Christmas
      }
      if (day <= 23) {
        return 1.4;
      }
      if (day <= 26) {
        return 0.45;
      }
      return 0.9;
    }
    if (month == 11 && day >= 20) {
      return 1.25;
    }
    if (month == 1) {
      return day <= 10 ? 1.05 : 0.85; // gift-card and return season, then the January lull
    }
    if (month == 7 || month == 8) {
      return 0.88;
    }
    return 1.0;
  }

  /** Hours in the period (the period ends at midnight local time after the last day). */
  public int hours() {
    return hours;
  }

  /** Length of the period on the operational clock (equals the calendar length in days). */
  public double totalOperational() {
    return cumulative[hours];
  }

  public Instant startInstant() {
    return startInstant;
  }

  /** Operational days elapsed at a calendar second counted from the start. */
  public double operational(long second) {
    if (second <= 0) {
      return 0;
    }
    long max = hours * 3600L;
    if (second >= max) {
      return cumulative[hours];
    }
    int h = (int) (second / 3600);
    double frac = (second - h * 3600L) / 3600.0;
    return cumulative[h] + frac * (cumulative[h + 1] - cumulative[h]);
  }

  /** Calendar second (from the start) at which the operational clock reads {@code op}. */
  public long calendarSecond(double op) {
    if (op <= 0) {
      return 0;
    }
    if (op >= cumulative[hours]) {
      return hours * 3600L - 1;
    }
    int lo = 0;
    int hi = hours;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= op) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double span = cumulative[lo + 1] - cumulative[lo];
    double frac = span <= 0 ? 0 : (op - cumulative[lo]) / span;
    long s = lo * 3600L + (long) Math.floor(frac * 3600.0);
    return Math.min(s, hours * 3600L - 1);
  }
}
