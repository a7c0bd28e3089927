package io.crm.analytics.clv;

import java.io.Serializable;

/**
 * A distinct (x, zbar) pair for the Gamma-Gamma spend model: x repeat purchases with mean value
 * zbar, shared by {@code count} customers.
 */
public record SpendObservation(int x, double zbar, long count) implements Serializable {

  public SpendObservation {
    if (x <= 0) {
      throw new IllegalArgumentException("spend model needs frequency > 0, got " + x);
    }
    if (!(zbar > 0) || Double.isInfinite(zbar)) {
      throw new IllegalArgumentException("mean spend must be finite and > 0, got " + zbar);
    }
    if (count <= 0) {
      throw new IllegalArgumentException("count must be > 0, got " + count);
    }
  }
}
