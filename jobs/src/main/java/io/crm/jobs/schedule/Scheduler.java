package io.crm.jobs.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Runs a job at every execution time of a cron schedule until stopped. Time and waiting come
 * from outside (a {@link Clock} and a {@link Sleeper}), so a test drives the loop without waiting.
 * A stop while waiting ends the wait at once; a stop while the job runs lets the job finish and
 * then ends the loop, so a nightly is never cut off by the scheduler itself.
 */
public final class Scheduler {

  /** Waits for a while; may return early, and throws when the waiting thread is interrupted. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /**
     * {@link Thread#sleep(long)} in naps of at most a minute, so that a changed system clock or a
     * machine waking from suspend is noticed within a minute.
     */
    static Sleeper system() {
      return d -> Thread.sleep(Math.max(1, Math.min(d.toMillis(), 60_000)));
    }
  }

  /** How the loop ended. */
  public record Summary(int runs, int failedRuns, boolean stopped) {}

  private final CronSchedule schedule;
  private final Clock clock;
  private final Sleeper sleeper;
  private final IntSupplier job;
  private final Consumer<String> log;

  private final Object lock = new Object();
  private volatile boolean stopRequested;
  private Thread waitingThread;

  /**
   * @param job runs once per execution time and returns its exit code (0 = success)
   * @param log receives one human-readable line per event
   */
  public Scheduler(CronSchedule schedule, Clock clock, Sleeper sleeper, IntSupplier job, Consumer<String> log) {
    this.schedule = schedule;
    this.clock = clock;
    this.sleeper = sleeper;
    this.job = job;
    this.log = log;
  }

  /** Loops until {@link #stop()} or until the schedule has no further execution time. */
  public Summary run() {
    int runs = 0;
    int failed = 0;
    log.accept("scheduler started: '" + schedule.expression() + "' (" + schedule.describe() + ")");
    while (!stopRequested) {
      Optional<ZonedDateTime> next = schedule.next(ZonedDateTime.now(clock));
      if (next.isEmpty()) {
        log.accept("no further execution time for '" + schedule.expression() + "'");
        return new Summary(runs, failed, false);
      }
      log.accept("next run at " + next.get());
      if (!waitUntil(next.get())) {
        break;
      }
      Instant started = clock.instant();
      log.accept("run " + (runs + 1) + " started");
      int exit = runJob();
      runs++;
      if (exit != 0) {
        failed++;
      }
      log.accept(String.format(Locale.ROOT, "run %d finished with exit code %d after %.1f s",
          runs, exit, Duration.between(started, clock.instant()).toMillis() / 1e3));
    }
    log.accept("scheduler stopped after " + runs + " run(s)");
    return new Summary(runs, failed, true);
  }

  /**
   * Asks the loop to end: a wait is interrupted now, a running job is left to finish. Safe to
   * call from any thread, e.g. a signal handler or shutdown hook.
   */
  public void stop() {
    synchronized (lock) {
      stopRequested = true;
      if (waitingThread != null) {
        waitingThread.interrupt();
      }
    }
  }

  public boolean stopRequested() {
    return stopRequested;
  }

  /** Sleeps until the clock reaches {@code at}; false when stopped first. */
  private boolean waitUntil(ZonedDateTime at) {
    synchronized (lock) {
      if (stopRequested) {
        return false;
      }
      waitingThread = Thread.currentThread();
    }
    try {
      // the sleeper may return early and the clock may jump, so the clock decides when it is time
      for (Duration left = Duration.between(clock.instant(), at.toInstant()); !left.isNegative() && !left.isZero();
          left = Duration.between(clock.instant(), at.toInstant())) {
        if (stopRequested) {
          return false;
        }
        sleeper.sleep(left);
      }
      return !stopRequested;
    } catch (InterruptedException e) {
      return false;
    } finally {
      synchronized (lock) {
        waitingThread = null;
        // a stop() that raced with the end of the wait must not leave the job's thread interrupted
        Thread.interrupted();
      }
    }
  }

  private int runJob() {
    try {
      return job.getAsInt();
    } catch (RuntimeException e) {
      log.accept("run failed: " + e);
      return 1;
    }
  }
}
