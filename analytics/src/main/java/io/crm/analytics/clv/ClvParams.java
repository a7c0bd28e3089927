package io.crm.analytics.clv;

import java.io.Serializable;
import java.util.Map;

/**
 * Business parameters of the warehouse CLV step, the {@code clv:} section of crm.yaml. Every
 * time-valued setting names its unit; a bare number (e.g. {@code horizon: 52}) is refused, so
 * weeks, months and years are never mixed by accident. The step converts the horizon and the
 * discount rate explicitly into the model's unit (see {@link #horizonInModelUnit()} and
 * {@link #discountInModelUnit()}).
 *
 * <pre>
 * clv:
 *   model: bgnbd                          # bgnbd | pareto-nbd                (default bgnbd)
 *   unit: week                            # day | week | month                (default week)
 *   horizon: {amount: 52, unit: week}     # how far ahead CLV looks           (default 52 weeks)
 *   discount_rate: {rate: 0.10, per: year}  # compounded once per period     (default 10 % per year)
 *   margin: 1.0                           # share of net revenue that is profit (default 1.0 = revenue)
 * </pre>
 */
public record ClvParams(ModelKind model, TimeUnit unit, Horizon horizon, DiscountRate discountRate, double margin)
    implements Serializable {

  public ClvParams {
    if (model == null || unit == null || horizon == null || discountRate == null) {
      throw new IllegalArgumentException("clv: model, unit, horizon and discount_rate are required");
    }
    if (model == ModelKind.NBD) {
      throw new IllegalArgumentException("clv.model must be bgnbd or pareto-nbd (the NBD has no P(alive)), got " + model.id());
    }
    if (unit == TimeUnit.YEAR) {
      throw new IllegalArgumentException("clv.unit must be day, week or month (a year is too coarse for purchase timing), got year");
    }
    if (!(margin > 0 && margin <= 1)) {
      throw new IllegalArgumentException("clv.margin must be a fraction in (0, 1], got " + margin);
    }
  }

  public static ClvParams defaults() {
    return fromMap(Map.of());
  }

  /** Reads the {@code clv:} section; absent keys take their defaults. */
  public static ClvParams fromMap(Map<String, Object> section) {
    ModelKind model = section.get("model") == null ? ModelKind.BGNBD : ModelKind.parse(section.get("model").toString());
    TimeUnit unit = section.get("unit") == null ? TimeUnit.WEEK : TimeUnit.parse(section.get("unit").toString());
    Horizon horizon = horizon(section.get("horizon"));
    DiscountRate discount = discount(section.get("discount_rate"));
    double margin = number(section.get("margin"), 1.0, "clv.margin");
    return new ClvParams(model, unit, horizon, discount, margin);
  }

  /** The horizon converted explicitly into the model's unit. */
  public Horizon horizonInModelUnit() {
    return horizon.to(unit);
  }

  /** The discount rate converted explicitly into a rate per model unit: (1 + d)^(unit/per) - 1. */
  public DiscountRate discountInModelUnit() {
    return discountRate.to(unit);
  }

  private static Horizon horizon(Object v) {
    if (v == null) {
      return Horizon.of(52, TimeUnit.WEEK);
    }
    if (!(v instanceof Map<?, ?> m) || m.get("amount") == null || m.get("unit") == null) {
      throw new IllegalArgumentException(
          "clv.horizon must name its unit, e.g. {amount: 52, unit: week}, got '" + v + "'");
    }
    return Horizon.of(number(m.get("amount"), 0, "clv.horizon.amount"), TimeUnit.parse(m.get("unit").toString()));
  }

  private static DiscountRate discount(Object v) {
    if (v == null) {
      return DiscountRate.of(0.10, TimeUnit.YEAR);
    }
    if (!(v instanceof Map<?, ?> m) || m.get("rate") == null || m.get("per") == null) {
      throw new IllegalArgumentException(
          "clv.discount_rate must name its period, e.g. {rate: 0.10, per: year}, got '" + v + "'");
    }
    return DiscountRate.of(number(m.get("rate"), 0, "clv.discount_rate.rate"), TimeUnit.parse(m.get("per").toString()));
  }

  private static double number(Object v, double fallback, String path) {
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(path + " must be a number, got '" + v + "'");
  }
}
