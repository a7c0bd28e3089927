package io.crm.analytics.clv;

import java.io.Serializable;

/** A discount rate per period, e.g. 10% per YEAR; compounding once per period. */
public record DiscountRate(double rate, TimeUnit per) implements Serializable {

  public DiscountRate {
    if (per == null) {
      throw new IllegalArgumentException("discount rate period is missing");
    }
    if (!(rate > -1) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("discount rate must be finite and > -1, got " + rate + " per " + per);
    }
  }

  public static DiscountRate of(double rate, TimeUnit per) {
    return new DiscountRate(rate, per);
  }

  /** The equivalent rate per {@code target} period: (1 + rate)^(target/per) - 1 (explicit conversion). */
  public DiscountRate to(TimeUnit target) {
    double exponent = target.days() / per.days();
    return new DiscountRate(Math.expm1(exponent * Math.log1p(rate)), target);
  }

  /** The rate, provided the caller's period is {@code modelUnit}; a different period is refused. */
  public double ratePer(TimeUnit modelUnit) {
    modelUnit.requireSame(per, "discount rate (" + rate + " per " + per + ")");
    return rate;
  }
}
