package io.crm.jobs.cli;

import io.crm.jobs.schedule.CronSchedule;
import io.crm.jobs.schedule.Scheduler;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * `crm scheduler`: the embedded scheduler. Runs `crm nightly --home DIR` in this JVM at every time
 * of a cron expression until SIGTERM or SIGINT.
 *
 * <p>The signals are caught with handlers rather than left to the JVM's shutdown: a JVM shutdown
 * would also run Spark's own shutdown hooks, which stop the SparkContext under a running nightly.
 * With the handlers, a signal while waiting ends the scheduler at once, and a signal during a
 * nightly lets it finish, then ends it. A shutdown hook covers the other ways the JVM ends.
 */
@Command(
    name = "scheduler",
    mixinStandardHelpOptions = true,
    description = {
      "Run `crm nightly --home DIR` in the foreground at every time of a cron expression (local time), logging each run.",
      "SIGTERM or Ctrl-C stops it: at once while waiting; after the running nightly has finished otherwise."
    })
public final class SchedulerCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Spec CommandSpec spec;

  @Option(names = "--cron", required = true, paramLabel = "EXPR",
      description = "Five-field cron expression (minute hour day-of-month month day-of-week), in the machine's local time.")
  String cron;

  @Override
  public Integer call() {
    CronSchedule schedule = CronSchedule.parse(cron);
    Workspace ws = home.workspace();
    String dir = ws.home().toString();
    PrintWriter out = spec.commandLine().getOut();
    Clock clock = Clock.systemDefaultZone();
    Scheduler scheduler = new Scheduler(schedule, clock, Scheduler.Sleeper.system(),
        () -> nightly(dir, home), line -> log(out, clock, line));
    // the hook waits for the loop, not for this thread, which may then block in System.exit
    CountDownLatch loopEnded = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      scheduler.stop();
      awaitQuietly(loopEnded);
    }, "crm-scheduler-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    SignalHandler onSignal = signal -> {
      log(out, clock, "SIG" + signal.getName() + " received: stopping" + " (a running nightly finishes first)");
      scheduler.stop();
    };
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), onSignal);
      } catch (IllegalArgumentException e) {
        // e.g. under java -Xrs: the shutdown hook still stops the wait, but cannot spare a running nightly
        log(out, clock, "cannot catch SIG" + name + " (" + e.getMessage() + "); it will end the process");
      }
    }
    Scheduler.Summary summary;
    try {
      summary = scheduler.run();
    } finally {
      loopEnded.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is waiting for this thread, which is about to end
    }
    // a failed nightly is logged here and recorded in the run ledger; the scheduler itself ended cleanly
    log(out, clock, summary.runs() + " run(s), " + summary.failedRuns() + " failed");
    return ExitCode.OK;
  }

  /** One nightly for the home, in this JVM, as `crm nightly --home DIR` would run it. */
  private static int nightly(String dir, HomeOptions options) {
    List<String> args = new ArrayList<>(List.of("nightly", "--home", dir,
        "--log-format", options.logFormat().name().toLowerCase(Locale.ROOT)));
    if (options.verbose()) {
      args.add("--verbose");
    }
    return Crm.commandLine().execute(args.toArray(String[]::new));
  }

  private static void log(PrintWriter out, Clock clock, String line) {
    synchronized (out) {
      out.println(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS))
          + " crm scheduler: " + line);
      out.flush();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
