package io.crm.analytics.clv;

import java.io.Serializable;
import java.util.Map;

/**
 * A fitted model of repeat purchasing. Every per-customer method is a pure function of the
 * customer's summary (x repeat purchases, last at t_x, observed for T, all in {@link #unit()}), so
 * Spark can call it row by row; implementations are immutable and serializable.
 */
public sealed interface PurchaseModel extends Serializable permits BgNbd, ParetoNbd, Nbd {

  ModelKind kind();

  /** The time unit of t_x, T and the horizons this model accepts. */
  TimeUnit unit();

  /** Parameter values by name, in the model's documented order. */
  Map<String, Double> params();

  /** ln L of one customer's (x, t_x, T). */
  double logLikelihood(int x, double tx, double T);

  /** Probability that the customer is still active at T. */
  double probabilityAlive(int x, double tx, double T);

  /** E[X(t)]: expected purchases of a new customer within the horizon t (unconditional). */
  double expectedPurchases(Horizon horizon);

  /** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] given the customer's history. */
  double expectedPurchases(Horizon horizon, int x, double tx, double T);

  /** Checks a customer summary passed to the per-customer functions. */
  static void checkCustomer(int x, double tx, double T) {
    SummaryTriple.validate(x, tx, T);
  }

  /** Checks that a parameter is finite and > 0. */
  static void checkPositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("parameter " + name + " must be finite and > 0, got " + value);
    }
  }
}
