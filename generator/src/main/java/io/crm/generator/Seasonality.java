package io.crm.generator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * Shop traffic intensity per hour of the generated period, normalised to a mean of one: hour of
 * day and weekday, and for the {@link #yearly} and {@link #acquisition} clocks also Black Friday,
 * the Christmas run-up and the quiet days after it, and a summer dip.
 *
 * <p>Used as a time change: events are drawn on an "operational" clock whose unit is one average
 * day, and mapped to calendar time through the inverse of the cumulative intensity. A homogeneous
 * process on the operational clock becomes a seasonal one on the calendar, and the count of events
 * in a calendar window is exactly the count over that window's operational length.
 *
 * <p>Two clocks, because a time change is harmless to a calendar-time model only when it is
 * close to linear at the resolution the model is fitted at. The {@link #weekly} clock (hour of
 * day and weekday only) repeats every week, so it moves an event by less than a day against the
 * calendar and repeat purchases drawn on it stay BG/NBD in calendar weeks. The {@link #yearly}
 * clock stretches December by about 1.6 against the summer: a BG/NBD process drawn on it is not
 * BG/NBD in calendar time (customers acquired in December look faster than their lambda, and a
 * fit on calendar summaries underestimated a by 4 and b by 2.5 standard errors at 100,000
 * customers), so the yearly calendar drives only what no purchase model is fitted to: web traffic
 * and, through {@link #acquisition}, the dates of first purchases (BG/NBD conditions on those,
 * so their distribution does not matter to it).
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

  private final int[] dayOfHour;   // local day index (from the start) of each hour
  private final long[] dayStart;   // second of each local midnight, length days+1

  /** The full seasonal clock: hour of day, weekday and the yearly calendar (Black Friday, Christmas, summer). */
  public static Seasonality yearly(LocalDate start, int days, ZoneId zone) {
    return new Seasonality(start, days, zone, 1);
  }

  /**
   * The clock of first purchases: like {@link #yearly} with the day factors squared, because gift
   * shoppers make the season swing new-customer numbers harder than traffic (December brings
   * about twice the new customers of October, Black Friday close to seven times a normal day).
   */
  public static Seasonality acquisition(LocalDate start, int days, ZoneId zone) {
    return new Seasonality(start, days, zone, 2);
  }

  /** Hour of day and weekday only: the clock repeat purchases run on. */
  public static Seasonality weekly(LocalDate start, int days, ZoneId zone) {
    return new Seasonality(start, days, zone, 0);
  }

  private Seasonality(LocalDate start, int days, ZoneId zone, int yearExponent) {
    this.startInstant = start.atStartOfDay(zone).toInstant();
    Instant end = start.plusDays(days).atStartOfDay(zone).toInstant();
    this.hours = (int) ((end.getEpochSecond() - startInstant.getEpochSecond()) / 3600);
    double[] weight = new double[hours];
    double sum = 0;
    for (int h = 0; h < hours; h++) {
      ZonedDateTime local = startInstant.plusSeconds(h * 3600L).atZone(zone);
      weight[h] = HOUR_OF_DAY[local.getHour()]
          * WEEKDAY[local.getDayOfWeek().getValue() - 1]
          * Math.pow(dayFactor(local.toLocalDate()), yearExponent);
      sum += weight[h];
    }
    double scale = hours / sum; // mean weight one
    dayOfHour = new int[hours];
    dayStart = new long[days + 1];
    for (int d = 0; d <= days; d++) {
      dayStart[d] = start.plusDays(d).atStartOfDay(zone).toEpochSecond() - startInstant.getEpochSecond();
    }
    for (int h = 0, d = 0; h < hours; h++) {
      while (d + 1 < days && dayStart[d + 1] <= h * 3600L) {
        d++;
      }
      dayOfHour[h] = d;
    }
    cumulative = new double[hours + 1];
    for (int h = 0; h < hours; h++) {
      cumulative[h + 1] = cumulative[h] + weight[h] * scale / 24.0;
    }
  }

  /** Seasonal factor of a calendar day (before normalisation). */
  static double dayFactor(LocalDate d) {
    int month = d.getMonthValue();
    int day = d.getDayOfMonth();
    // the day after Thanksgiving (the fourth Thursday), which is not always the fourth Friday
    LocalDate blackFriday = LocalDate.of(d.getYear(), 11, 1)
        .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)).plusDays(1);
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

  /** Local calendar day (0 = the start date) of a second counted from the start. */
  public int day(long second) {
    return dayOfHour[(int) (second / 3600)];
  }

  /** Second (from the start) of the local midnight that begins day {@code d}; d = days is the period end. */
  public long dayStart(int d) {
    return dayStart[d];
  }

  /** Number of calendar days in the period. */
  public int days() {
    return dayStart.length - 1;
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
