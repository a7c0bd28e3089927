package io.crm.analytics.clv;

import java.io.Serializable;

/** A length of time ahead, in an explicit unit (e.g. 39 weeks). */
public record Horizon(double amount, TimeUnit unit) implements Serializable {

  public Horizon {
    if (unit == null) {
      throw new IllegalArgumentException("horizon unit is missing");
    }
    if (!(amount >= 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException("horizon must be a finite amount >= 0, got " + amount + " " + unit);
    }
  }

  public static Horizon of(double amount, TimeUnit unit) {
    return new Horizon(amount, unit);
  }

  /** The same length of time in another unit (explicit conversion). */
  public Horizon to(TimeUnit target) {
    return new Horizon(unit.convert(amount, target), target);
  }

  /** The amount, provided the caller works in {@code modelUnit}; a different unit is refused. */
  public double amountIn(TimeUnit modelUnit) {
    modelUnit.requireSame(unit, "horizon (" + amount + " " + unit + ")");
    return amount;
  }
}
