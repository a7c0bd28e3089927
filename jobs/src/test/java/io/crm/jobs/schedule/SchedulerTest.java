package io.crm.jobs.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scheduler loop driven by a clock that a fake sleeper moves forward. */
class SchedulerTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  /** A clock that stands still until told to move. */
  static final class FakeClock extends Clock {
    private volatile Instant now;

    FakeClock(ZonedDateTime start) {
      this.now = start.toInstant();
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void runsTheJobAtEachExecutionTimeAndStopsAfterTheRunningJobWhenAsked() {
    FakeClock clock = new FakeClock(ZonedDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZONE));
    List<Duration> sleeps = new ArrayList<>();
    List<ZonedDateTime> ranAt = new ArrayList<>();
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Scheduler[] self = new Scheduler[1];
    Scheduler scheduler = new Scheduler(CronSchedule.parse("15 2 * * *"), clock,
        d -> {
          sleeps.add(d);
          clock.advance(d);
        },
        () -> {
          ranAt.add(ZonedDateTime.now(clock));
          clock.advance(Duration.ofMinutes(40));
          if (ranAt.size() == 2) {
            self[0].stop(); // the stop signal arrives while the second nightly runs
          }
          return ranAt.size() == 1 ? 0 : 5;
        },
        log::add);
    self[0] = scheduler;

    Scheduler.Summary summary = scheduler.run();

    assertEquals(List.of(ZonedDateTime.of(2026, 12, 1, 2, 15, 0, 0, ZONE), ZonedDateTime.of(2026, 12, 2, 2, 15, 0, 0, ZONE)), ranAt);
    assertEquals(new Scheduler.Summary(2, 1, true), summary);
    assertEquals(List.of(Duration.ofHours(14).plusMinutes(15), Duration.ofHours(23).plusMinutes(20)), sleeps);
    assertTrue(log.contains("run 2 finished with exit code 5 after 2400.0 s"), log.toString());
    assertTrue(log.contains("next run at 2026-12-02T02:15+01:00[Europe/Berlin]"), log.toString());
    assertEquals("scheduler stopped after 2 run(s)", log.get(log.size() - 1));
  }

  @Test
  void aSleeperThatWakesEarlyDoesNotRunTheJobEarly() {
    FakeClock clock = new FakeClock(ZonedDateTime.of(2026, 11, 30, 2, 0, 0, 0, ZONE));
    List<ZonedDateTime> ranAt = new ArrayList<>();
    Scheduler[] self = new Scheduler[1];
    self[0] = new Scheduler(CronSchedule.parse("15 2 * * *"), clock,
        d -> clock.advance(d.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : d),
        () -> {
          ranAt.add(ZonedDateTime.now(clock));
          self[0].stop();
          return 0;
        },
        line -> {});
    self[0].run();
    assertEquals(List.of(ZonedDateTime.of(2026, 11, 30, 2, 15, 0, 0, ZONE)), ranAt);
  }

  @Test
  void aStopWhileWaitingEndsTheWaitAtOnceWithoutRunning() throws InterruptedException {
    Clock clock = Clock.system(ZONE);
    int[] runs = {0};
    CountDownLatch waiting = new CountDownLatch(1);
    Scheduler scheduler = new Scheduler(CronSchedule.parse("0 0 1 1 *"), clock,
        d -> {
          waiting.countDown();
          Thread.sleep(d.toMillis());
        },
        () -> ++runs[0],
        line -> {});
    Scheduler.Summary[] summary = new Scheduler.Summary[1];
    Thread loop = new Thread(() -> summary[0] = scheduler.run());
    loop.start();
    assertTrue(waiting.await(10, TimeUnit.SECONDS));
    scheduler.stop();
    loop.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(loop.isAlive());
    assertEquals(0, runs[0]);
    assertEquals(new Scheduler.Summary(0, 0, true), summary[0]);
  }

  @Test
  void aFailingJobIsCountedAndTheLoopGoesOn() {
    FakeClock clock = new FakeClock(ZonedDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZONE));
    int[] runs = {0};
    Scheduler[] self = new Scheduler[1];
    self[0] = new Scheduler(CronSchedule.parse("*/10 * * * *"), clock, clock::advance,
        () -> {
          if (++runs[0] == 3) {
            self[0].stop();
          }
          throw new IllegalStateException("boom");
        },
        line -> {});
    assertEquals(new Scheduler.Summary(3, 3, true), self[0].run());
  }
}
