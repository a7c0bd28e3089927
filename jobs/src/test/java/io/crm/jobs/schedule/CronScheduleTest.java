package io.crm.jobs.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.cli.UserException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** cron expressions as cron-utils reads them, and their translation into systemd OnCalendar values. */
class CronScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Expected values checked with `systemd-analyze calendar` against cron-utils' next executions. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "15 2 * * *               | *-*-* 02:15:00",
      "*/15 9-17 * * 1-5        | Mon..Fri *-*-* 09..17:00/15:00",
      "0 6 1,15 * *             | *-*-01,15 06:00:00",
      "0 0 * * 5-7              | Fri..Sun *-*-* 00:00:00",
      "0 3 * * 7                | Sun *-*-* 03:00:00",
      "0 3 * * MON-FRI          | Mon..Fri *-*-* 03:00:00",
      "0 3 * * 0,6              | Sat..Sun *-*-* 03:00:00",
      "0 3 * * 1,3,5            | Mon,Wed,Fri *-*-* 03:00:00",
      "30 1 * JAN,JUL *         | *-01,07-* 01:30:00",
      "0 0-23/6 * * *           | *-*-* 00/6:00:00",
      "5/20 */2 * * *           | *-*-* 00/2:05/20:00",
      "0 8-10,14 * * *          | *-*-* 08..10,14:00:00",
      "0 0 1-10/3 * *           | *-*-01,04,07,10 00:00:00",
  })
  void translatesToOnCalendar(String cron, String onCalendar) {
    assertEquals(List.of(onCalendar), CronSchedule.parse(cron).onCalendar());
  }

  @Test
  void dayOfMonthOrDayOfWeekBecomesTwoTimerLines() {
    assertEquals(List.of("*-*-01 03:00:00", "Mon *-*-* 03:00:00"), CronSchedule.parse("0 3 1 * MON").onCalendar());
  }

  @Test
  void nextExecutionsFollowTheExpression() {
    CronSchedule s = CronSchedule.parse("0 3 1 * MON");
    List<ZonedDateTime> next = new ArrayList<>();
    ZonedDateTime t = ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, BERLIN);
    for (int i = 0; i < 3; i++) {
      t = s.next(t).orElseThrow();
      next.add(t);
    }
    // cron's rule: the 1st of the month (a Tuesday) or any Monday
    assertEquals(List.of(ZonedDateTime.of(2026, 12, 1, 3, 0, 0, 0, BERLIN), ZonedDateTime.of(2026, 12, 7, 3, 0, 0, 0, BERLIN),
        ZonedDateTime.of(2026, 12, 14, 3, 0, 0, 0, BERLIN)), next);
  }

  @Test
  void describesTheScheduleInWords() {
    assertEquals("at 02:15", CronSchedule.parse("15 2 * * *").describe());
  }

  @ParameterizedTest
  @ValueSource(strings = {"61 * * * *", "0 2 * *", "banana", "0 0 L * *", "@daily", "0 25 * * *", ""})
  void aBadExpressionIsOneLineNamingItAndTheReason(String cron) {
    UserException e = assertThrows(UserException.class, () -> CronSchedule.parse(cron));
    assertTrue(e.getMessage().startsWith("bad cron expression '" + cron + "': "), e.getMessage());
    assertTrue(e.getMessage().length() > ("bad cron expression '" + cron + "': ").length() + 10, e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
