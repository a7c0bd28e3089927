package io.crm.analytics.clv;

/**
 * The unit in which a model measures time (recency, age T, horizons, discount periods). Every
 * time-valued input carries its unit; code that combines two of them calls {@link #requireSame}
 * so that weeks and months are never mixed silently. Conversions are explicit and use the
 * calendar averages below (a month is 1/12 of a Julian year).
 */
public enum TimeUnit {
  DAY(1.0),
  WEEK(7.0),
  MONTH(365.25 / 12.0),
  YEAR(365.25);

  private final double days;

  TimeUnit(double days) {
    this.days = days;
  }

  /** Length of one unit in days. */
  public double days() {
    return days;
  }

  /** {@code amount} of this unit expressed in {@code target} units. */
  public double convert(double amount, TimeUnit target) {
    return amount * days / target.days;
  }

  /**
   * Refuses to combine values in different units.
   *
   * @param what names the value being checked, e.g. "horizon"
   */
  public void requireSame(TimeUnit other, String what) {
    if (other != this) {
      throw new IllegalArgumentException(
          what + " is in " + other + " but the model works in " + this
              + "; convert it explicitly (e.g. .to(TimeUnit." + this + "))");
    }
  }

  /** Parses "day", "week", "month", "year" (any case, plural allowed). */
  public static TimeUnit parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT);
    if (t.endsWith("S")) {
      t = t.substring(0, t.length() - 1);
    }
    for (TimeUnit u : values()) {
      if (u.name().equals(t)) {
        return u;
      }
    }
    throw new IllegalArgumentException("unknown time unit '" + text + "' (expected day, week, month or year)");
  }
}
