package io.crm.analytics.clv;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Silver orders drawn from a BG/NBD with Gamma-Gamma spend and known parameters (time in weeks):
 * each customer's first purchase falls on a day of the first {@code cohortDays}; while active the
 * customer buys at Poisson rate λ ~ Gamma(r, alpha) per week and drops out after each repeat
 * purchase with probability p ~ Beta(a, b); each purchase is worth Gamma(p_s, ν) with ν ~
 * Gamma(q, γ). Purchases happen at continuous times and are booked on their day, so the step's
 * per-day counting sees them as real data would.
 */
final class SimulatedOrders {
  private final double r;
  private final double alpha;
  private final double a;
  private final double b;
  private final double p;
  private final double q;
  private final double gamma;
  private final BgNbdSimulator draws;
  private final SplittableRandom random;

  SimulatedOrders(double r, double alpha, double a, double b, double p, double q, double gamma, long seed) {
    this.r = r;
    this.alpha = alpha;
    this.a = a;
    this.b = b;
    this.p = p;
    this.q = q;
    this.gamma = gamma;
    this.draws = new BgNbdSimulator(r, alpha, a, b, seed);
    this.random = new SplittableRandom(seed + 1);
  }

  /** Orders of {@code customers} customers from {@code start} until {@code end} (inclusive). */
  List<Row> orders(int customers, LocalDate start, int cohortDays, LocalDate end) {
    return orders("c", customers, start, cohortDays, end);
  }

  /** As above, customer ids {@code <prefix><n>}. */
  List<Row> orders(String prefix, int customers, LocalDate start, int cohortDays, LocalDate end) {
    List<Row> rows = new ArrayList<>();
    long endDay = end.toEpochDay();
    for (int c = 0; c < customers; c++) {
      String id = prefix + c;
      long first = start.toEpochDay() + random.nextInt(cohortDays);
      double lambda = draws.gamma(r) / alpha;
      double g1 = draws.gamma(a);
      double dropout = g1 / (g1 + draws.gamma(b));
      double nu = draws.gamma(q) / gamma;
      rows.add(order(rows.size(), id, first, draws.gamma(p) / nu));
      double t = 0;
      while (true) {
        t += -Math.log(1 - random.nextDouble()) / lambda;
        if (t * 7 >= endDay - first + 1) {
          break;
        }
        long day = first + (long) Math.floor(t * 7);
        rows.add(order(rows.size(), id, day, draws.gamma(p) / nu));
        if (random.nextDouble() < dropout) {
          break;
        }
      }
    }
    return rows;
  }

  private static Row order(int n, String customer, long epochDay, double value) {
    LocalDate day = LocalDate.ofEpochDay(epochDay);
    double amount = Math.max(0.01, Math.round(value * 100) / 100.0);
    return RowFactory.create(customer + "-" + n, customer, Timestamp.valueOf(day.atTime(10, 0)), Date.valueOf(day), "completed",
        amount, 0.0, amount, "DE", "web", false);
  }

  static String write(SparkSession spark, List<Row> rows, Path root) {
    spark.createDataFrame(rows, StructType.fromDDL(CdnowSilverOrders.ORDERS_DDL))
        .write().mode(SaveMode.Overwrite).parquet(root.resolve("orders").toString());
    return root.toString();
  }
}
