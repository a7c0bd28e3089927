package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** `crm schedule` prints cron and systemd configuration; `crm scheduler` refuses bad input up front. */
class ScheduleCommandTest {

  @Test
  void printsACrontabLineAndSystemdUnits() {
    String out = CrmRun.ok("schedule", "--cron", "15 2 * * *", "--home", "/data/crm", "--command", "/opt/crm/crm");
    List<String> lines = out.lines().toList();
    assertTrue(lines.contains("15 2 * * * /opt/crm/crm nightly --home /data/crm"), out);
    assertTrue(lines.contains("ExecStart=/opt/crm/crm nightly --home /data/crm"), out);
    assertTrue(lines.contains("Type=oneshot"), out);
    assertTrue(lines.contains("OnCalendar=*-*-* 02:15:00"), out);
    assertTrue(lines.contains("Persistent=true"), out);
    assertTrue(lines.contains("WantedBy=timers.target"), out);
    assertTrue(lines.contains("# /etc/systemd/system/crm-nightly.timer"), out);
    assertTrue(lines.get(0).startsWith("# 15 2 * * *: at 02:15; next run "), out);
  }

  @Test
  void aWeekdayRangeWithAStepAndAList() {
    String out = CrmRun.ok("schedule", "--cron", "*/30 6,18 * * MON-FRI", "--home", "/data/crm", "--command", "crm", "--unit", "crm-shop");
    assertTrue(out.lines().anyMatch("OnCalendar=Mon..Fri *-*-* 06,18:00,30:00"::equals), out);
    assertTrue(out.contains("# /etc/systemd/system/crm-shop.service"), out);
    assertTrue(out.contains("systemctl enable --now crm-shop.timer"), out);
  }

  @Test
  void dayOfMonthOrDayOfWeekGivesTwoCalendarLines() {
    String out = CrmRun.ok("schedule", "--cron", "0 4 1 * SUN", "--home", "/data/crm", "--command", "crm");
    assertEquals(List.of("OnCalendar=*-*-01 04:00:00", "OnCalendar=Sun *-*-* 04:00:00"),
        out.lines().filter(l -> l.startsWith("OnCalendar=")).toList());
  }

  @Test
  void anAwkwardHomeIsQuotedAndEscapedForCronAndSystemd() {
    String out = CrmRun.ok("schedule", "--cron", "15 2 * * *", "--home", "/data/crm 100%", "--command", "crm");
    assertTrue(out.lines().anyMatch("15 2 * * * crm nightly --home '/data/crm 100\\%'"::equals), out);
    assertTrue(out.lines().anyMatch("ExecStart=crm nightly --home \"/data/crm 100%%\""::equals), out);
  }

  @Test
  void aBadExpressionIsOneLineWithExit3() {
    CrmRun r = CrmRun.of("schedule", "--cron", "15 25 * * *", "--home", "/data/crm");
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("crm: bad cron expression '15 25 * * *': "), r.err());
    assertTrue(r.err().contains("25"), r.err());
  }

  @Test
  void theSchedulerRefusesABadExpressionBeforeWaiting() {
    CrmRun r = CrmRun.of("scheduler", "--cron", "every night", "--home", "/data/crm");
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().startsWith("crm: bad cron expression 'every night': "), r.err());
  }

  @Test
  void theSchedulerRefusesAHomeWithoutWorkspace() {
    CrmRun r = CrmRun.of("scheduler", "--cron", "15 2 * * *", "--home", "/nonexistent/crm-home");
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("/nonexistent/crm-home does not exist"), r.err());
  }

  @Test
  void theCronOptionIsRequired() {
    assertEquals(ExitCode.USAGE, CrmRun.of("schedule", "--home", "/data/crm").exit());
  }
}
