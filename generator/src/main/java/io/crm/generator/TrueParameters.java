package io.crm.generator;

/**
 * The true parameters of the simulated customer base, written to landing/_truth.json.
 *
 * <p>Purchases follow BG/NBD (Fader, Hardie and Lee 2005) in days: while alive a customer buys at
 * rate lambda ~ Gamma(shape r, rate alpha); after every repeat purchase the customer drops out for
 * good with probability p ~ Beta(a, b); the first purchase starts the clock and is not followed by
 * a dropout draw. The parameters hold for what the CLV step measures: purchases counted per
 * calendar day, t_x and T in calendar days or weeks. Two things make that exact: repeat purchases
 * run on a clock with only the hour-of-day and weekday shape (see {@link Seasonality}; the
 * yearly season moves first purchases and web traffic, not the repeat process), and a customer
 * never buys twice on one calendar day (a repeat purchase that would fall on the previous one's
 * day moves to the next day). Spend per purchase is Gamma-Gamma (Fader, Hardie and Lee 2005b): a
 * customer's nu ~ Gamma(shape q, rate gamma), and each order's net amount after returns z ~
 * Gamma(shape p, rate nu), so E[z] = p*gamma/(q-1).
 */
public record TrueParameters(
    double r,
    double alpha,
    double a,
    double b,
    double spendP,
    double spendQ,
    double spendGamma,
    double guestShare,
    double b2bShare,
    double b2gShare,
    double returnLineRate,
    double cancelRate,
    double dirtyRate,
    double botHitsPerHumanHit,
    double trackerBlockedShare,
    double newsletterOptInShare,
    double contactDuplicateRate,
    double surveyRate) {

  /** The parameters `crm generate` uses: an online shop with a two-year horizon in mind. */
  public static TrueParameters defaults() {
    return new TrueParameters(
        0.55, 60.0, 1.2, 3.5,
        6.0, 4.0, 40.0,
        0.08, 0.12, 0.03,
        0.05, 0.03, 0.01,
        0.14, 0.10, 0.45, 0.04, 0.15);
  }

  /** Expected order value of the Gamma-Gamma model, p*gamma/(q-1). */
  public double expectedOrderValue() {
    return spendP * spendGamma / (spendQ - 1.0);
  }
}
