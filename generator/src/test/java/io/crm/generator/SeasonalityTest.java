package io.crm.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The clocks the generator draws on. Repeat purchases stay BG/NBD in calendar time only if their
 * clock never drifts from the calendar by a day or more; the yearly season belongs to
 * acquisition and web traffic.
 */
class SeasonalityTest {
  private static final LocalDate START = GeneratorSettings.DEFAULT_START;
  private static final ZoneId ZONE = GeneratorSettings.ZONE;
  private static final int DAYS = 730;

  @Test
  void theWeeklyClockStaysWithinADayOfTheCalendar() {
    Seasonality weekly = Seasonality.weekly(START, DAYS, ZONE);
    double worst = 0;
    for (long s = 0; s < weekly.hours() * 3600L; s += 1800) {
      worst = Math.max(worst, Math.abs(weekly.operational(s) - s / 86400.0));
    }
    assertTrue(worst < 1.0, "largest gap between the weekly clock and the calendar, in days: " + worst);
    assertEquals(DAYS, weekly.totalOperational(), 0.05);
  }

  @Test
  void theYearlyClockRunsFasterInDecemberThanTheWeeklyOne() {
    Seasonality yearly = Seasonality.yearly(START, DAYS, ZONE);
    long decemberFirst = yearly.dayStart(daysFrom(LocalDate.of(2025, 12, 1)));
    long decemberLast = yearly.dayStart(daysFrom(LocalDate.of(2025, 12, 22)));
    double opDays = yearly.operational(decemberLast) - yearly.operational(decemberFirst);
    assertTrue(opDays > 1.4 * 21, "operational days in 21 December days: " + opDays);
  }

  @Test
  void blackFridayIsTheBusiestDayForNewCustomers() {
    Seasonality acquisition = Seasonality.acquisition(START, DAYS, ZONE);
    int busiest = -1;
    double most = 0;
    for (int d = 0; d < DAYS; d++) {
      double op = acquisition.operational(acquisition.dayStart(d + 1)) - acquisition.operational(acquisition.dayStart(d));
      if (op > most) {
        most = op;
        busiest = d;
      }
    }
    LocalDate day = START.plusDays(busiest);
    // the day after the fourth Thursday of November: 29 Nov 2024 and 28 Nov 2025
    assertTrue(day.equals(LocalDate.of(2024, 11, 29)) || day.equals(LocalDate.of(2025, 11, 28)), "busiest day " + day);
    assertTrue(most > 4, "Black Friday in operational days: " + most);
  }

  @Test
  void calendarDaysFollowLocalMidnightsAcrossDaylightSavingChanges() {
    Seasonality weekly = Seasonality.weekly(START, DAYS, ZONE);
    int spring = daysFrom(LocalDate.of(2024, 3, 31)); // 23 hours in Berlin
    int autumn = daysFrom(LocalDate.of(2024, 10, 27)); // 25 hours
    assertEquals(23 * 3600L, weekly.dayStart(spring + 1) - weekly.dayStart(spring));
    assertEquals(25 * 3600L, weekly.dayStart(autumn + 1) - weekly.dayStart(autumn));
    assertEquals(autumn, weekly.day(weekly.dayStart(autumn + 1) - 1));
    assertEquals(autumn + 1, weekly.day(weekly.dayStart(autumn + 1)));
  }

  private static int daysFrom(LocalDate d) {
    return (int) (d.toEpochDay() - START.toEpochDay());
  }
}
