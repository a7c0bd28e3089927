package io.crm.analytics.churn;

import io.crm.analytics.SilverFixture;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * A silver layer of simulated buyers whose churn depends on more than their purchase rhythm.
 * Every customer buys at their own Poisson rate (one order every 10 to 60 days on average) from a
 * start day in 2023/2024 and may drop out after each order (probability 5 %), which recency and
 * P(alive) can see. In addition, "unhappy" customers (last CSAT of 1 or 2 in a survey before the
 * cutoff, or frequent returners) stop buying at the cutoff with probability 85 %: nothing in their
 * purchase timing shows it, only their satisfaction and returns do. So a model that uses the
 * warehouse features must beat P(alive) alone.
 */
final class SimulatedCustomerBase {
  static final LocalDate AS_OF = LocalDate.parse("2024-12-31");
  static final LocalDate CUTOFF = AS_OF.minusDays(90);
  private static final LocalDate FIRST = LocalDate.parse("2023-01-01");
  private static final String[] CATEGORIES = {"books", "music", "games", "garden"};

  private SimulatedCustomerBase() {}

  /** Adds {@code customers} simulated customers to {@code silver}; returns it. */
  static SilverFixture add(SilverFixture silver, int customers, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long cutoff = CUTOFF.toEpochDay();
    long end = AS_OF.toEpochDay();
    for (int c = 0; c < customers; c++) {
      String id = "u" + c;
      long start = FIRST.toEpochDay() + random.nextInt(540);
      silver.customer(id, LocalDate.ofEpochDay(start).toString());
      double meanGap = 10 + 50 * random.nextDouble();
      boolean returner = random.nextDouble() < 0.25;
      int csat = 1 + random.nextInt(5);
      long surveyDay = cutoff - 20 - random.nextInt(60);
      boolean surveyed = surveyDay > start;
      if (surveyed) {
        silver.survey(id, LocalDate.ofEpochDay(surveyDay).toString(), csat, csat * 2);
      }
      boolean unhappy = returner || (surveyed && csat <= 2);
      boolean stopsAtCutoff = unhappy && random.nextDouble() < 0.85;
      double basket = 20 + 80 * random.nextDouble();
      double day = start;
      while (true) {
        long d = (long) Math.floor(day);
        if (d > end || (stopsAtCutoff && d > cutoff)) {
          break;
        }
        double amount = Math.round(basket * (0.5 + random.nextDouble()) * 100) / 100.0;
        double returned = returner && random.nextDouble() < 0.5 ? Math.round(amount * 40) / 100.0 : 0.0;
        silver.order(id, LocalDate.ofEpochDay(d).toString(), amount - returned, returned, "completed",
            CATEGORIES[random.nextInt(CATEGORIES.length)]);
        if (random.nextDouble() < 0.05) {
          break;
        }
        day += 1 + -Math.log(1 - random.nextDouble()) * meanGap;
      }
      if (random.nextDouble() < 0.3) {
        silver.session(id, LocalDate.ofEpochDay(Math.min(end, start + random.nextInt(300))).toString(), 1 + random.nextInt(8), false);
      }
      if (random.nextDouble() < 0.5) {
        silver.consent(id, LocalDate.ofEpochDay(start).toString(), random.nextBoolean());
      }
    }
    return silver;
  }
}
