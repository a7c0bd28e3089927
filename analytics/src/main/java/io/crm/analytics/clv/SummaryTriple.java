package io.crm.analytics.clv;

import java.io.Serializable;

/**
 * One distinct (frequency x, recency t_x, age T) combination and how many customers share it.
 * Models are fitted on these, so fitting time grows with the number of distinct triples, not of
 * customers. x counts repeat purchases; t_x and T are in the summary's time unit.
 */
public record SummaryTriple(int x, double tx, double T, long count) implements Serializable {

  public SummaryTriple {
    validate(x, tx, T);
    if (count <= 0) {
      throw new IllegalArgumentException("triple count must be > 0, got " + count);
    }
  }

  /** Checks one customer's summary; the message names the bad value. */
  static void validate(double x, double tx, double T) {
    if (!(x >= 0) || x != Math.rint(x)) {
      throw new IllegalArgumentException("frequency must be a whole number >= 0, got " + x);
    }
    if (!(T > 0) || Double.isInfinite(T)) {
      throw new IllegalArgumentException("T must be finite and > 0, got " + T);
    }
    if (!(tx >= 0) || tx > T) {
      throw new IllegalArgumentException("recency must be in [0, T=" + T + "], got " + tx);
    }
    if (x == 0 && tx != 0) {
      throw new IllegalArgumentException("recency must be 0 when frequency is 0, got " + tx);
    }
  }
}
