package io.crm.jobs.cli;

import io.crm.jobs.schedule.CronSchedule;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `crm schedule`: prints how to run `crm nightly` from cron or a systemd timer; installs nothing. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Print a crontab line and a systemd service and timer that run `crm nightly --home DIR` on a cron schedule.",
      "Nothing is installed. Example: crm schedule --cron \"15 2 * * *\" --home /data/crm"
    })
public final class ScheduleCommand implements Callable<Integer> {
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=+,@-]+");

  @Mixin HomeOptions home;
  @Spec CommandSpec spec;

  @Option(names = "--cron", required = true, paramLabel = "EXPR",
      description = "Five-field cron expression (minute hour day-of-month month day-of-week), in the machine's local time.")
  String cron;

  @Option(names = "--command", paramLabel = "CMD",
      description = "How cron and systemd start crm, e.g. \"spark-submit --class io.crm.jobs.cli.Crm /opt/crm/crm.jar\"."
          + " Default: this checkout's ./crm launcher if there is one, else `crm` on the PATH.")
  String command;

  @Option(names = "--unit", paramLabel = "NAME", defaultValue = "crm-nightly",
      description = "Name of the systemd units (default: ${DEFAULT-VALUE}).")
  String unit;

  @Override
  public Integer call() {
    CronSchedule schedule = CronSchedule.parse(cron);
    Path dir = home.home();
    String crm = command != null ? command : defaultCommand();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("# %s: %s; next run %s (local time)%n", schedule.expression(), schedule.describe(),
        schedule.next(ZonedDateTime.now()).map(Object::toString).orElse("never"));
    out.println();
    out.println("# crontab (crontab -e):");
    out.println(schedule.expression() + " " + crontabEscape(crm + " nightly --home " + shellQuote(dir.toString())));
    out.println();
    out.printf("# /etc/systemd/system/%s.service%n", unit);
    out.println("[Unit]");
    out.println("Description=crm nightly for " + systemdEscape(dir.toString()));
    out.println();
    out.println("[Service]");
    out.println("Type=oneshot");
    out.println("ExecStart=" + systemdEscape(crm) + " nightly --home " + systemdQuote(dir.toString()));
    out.println();
    out.printf("# /etc/systemd/system/%s.timer%n", unit);
    out.println("[Unit]");
    out.println("Description=crm nightly for " + systemdEscape(dir.toString()) + ", " + systemdEscape(schedule.describe()));
    out.println();
    out.println("[Timer]");
    List<String> calendars = schedule.onCalendar();
    calendars.forEach(c -> out.println("OnCalendar=" + c));
    out.println("Persistent=true");
    out.println();
    out.println("[Install]");
    out.println("WantedBy=timers.target");
    out.println();
    out.printf("# then: systemctl daemon-reload && systemctl enable --now %s.timer%n", unit);
    out.flush();
    return ExitCode.OK;
  }

  /** This checkout's `crm` launcher (the jar sits in jobs/target/), or plain `crm`. */
  static String defaultCommand() {
    try {
      Path jar = Path.of(Crm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path parent = jar.getParent();
      Path launcher = parent == null || parent.getParent() == null || parent.getParent().getParent() == null
          ? null
          : parent.getParent().getParent().resolve("crm");
      if (launcher != null && Files.isRegularFile(launcher) && Files.isExecutable(launcher)) {
        return shellQuote(launcher.toAbsolutePath().normalize().toString());
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      // no usable location: fall back to the PATH
    }
    return "crm";
  }

  /** One word for sh: as is when plain, else in single quotes. */
  static String shellQuote(String s) {
    return PLAIN_WORD.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** cron turns an unescaped % in the command into a newline. */
  static String crontabEscape(String s) {
    return s.replace("%", "\\%");
  }

  /** systemd expands % specifiers and $ variables in unit files. */
  static String systemdEscape(String s) {
    return s.replace("%", "%%").replace("$", "$$");
  }

  /** One ExecStart argument: as is when plain, else in double quotes. */
  static String systemdQuote(String s) {
    String escaped = systemdEscape(s);
    return PLAIN_WORD.matcher(s).matches() ? escaped : "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
