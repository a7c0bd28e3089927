package io.crm.generator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the content of landing/_truth.json: settings, true parameters, realised figures, dirt. */
final class TruthReport {
  private final GeneratorSettings settings;
  private final TrueParameters truth;
  private final Seasonality season;

  TruthReport(GeneratorSettings settings, TrueParameters truth, Seasonality season) {
    this.settings = settings;
    this.truth = truth;
    this.season = season;
  }

  Map<String, Object> build(Tally t, long[] rows, long[][] dirty, Map<String, Object> truncation, List<String> files) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> gen = new LinkedHashMap<>();
    gen.put("customers", settings.customers());
    gen.put("days", settings.days());
    gen.put("seed", settings.seed());
    gen.put("start", settings.start().toString());
    gen.put("end_exclusive", settings.end().toString());
    gen.put("timezone", GeneratorSettings.ZONE.getId());
    gen.put("currency", "EUR");
    root.put("generator", gen);

    Map<String, Object> process = new LinkedHashMap<>();
    process.put("model", "BG/NBD");
    process.put("time_unit", "day");
    process.put("r", truth.r());
    process.put("alpha", truth.alpha());
    process.put("a", truth.a());
    process.put("b", truth.b());
    process.put("description", "lambda ~ Gamma(shape r, rate alpha) purchases per day while alive; after each repeat "
        + "purchase the customer drops out with p ~ Beta(a, b); the first purchase (acquisition) is counted as the "
        + "trial, not as a repeat; observation ends at end_exclusive. Purchases are counted per calendar day, as the "
        + "CLV step counts them: a customer never buys twice on one day (a repeat purchase that would land on the "
        + "day of the previous one moves to the next day, see realised.same_day_moves), so summaries by purchase "
        + "day (x, t_x, T in calendar days or weeks) recover these parameters");
    process.put("seasonality", "acquisition dates follow the seasonal curve (hour of day, weekday, and the yearly "
        + "factors for Black Friday, the Christmas run-up and the summer dip, squared), so sales peak on Black Friday "
        + "and in December; web traffic follows the same curve with the yearly factors not squared; repeat purchases run on a clock "
        + "with the hour-of-day and weekday shape only (mean 1 per day, repeating every week), which moves them by "
        + "less than a day against the calendar and keeps them BG/NBD in calendar time. A yearly time change would "
        + "not: a BG/NBD process on a clock that runs 1.6 times faster in December is not BG/NBD on the calendar");
    process.put("operational_days_total", season.totalOperational());
    root.put("purchase_process", process);

    Map<String, Object> spend = new LinkedHashMap<>();
    spend.put("model", "Gamma-Gamma");
    spend.put("p", truth.spendP());
    spend.put("q", truth.spendQ());
    spend.put("gamma", truth.spendGamma());
    spend.put("description", "nu ~ Gamma(shape q, rate gamma) per customer; order value z ~ Gamma(shape p, rate nu) "
        + "in EUR, rounded to cents = the net amount the customer keeps: quantity*unit_price - discount over the "
        + "order's lines minus its returns (returned units are bought on top of z and sent back within the period), "
        + "which is the monetary value the CLV step averages per repeat purchase day");
    spend.put("expected_order_value", truth.expectedOrderValue());
    root.put("spend", spend);

    Map<String, Object> rates = new LinkedHashMap<>();
    rates.put("guest_share", truth.guestShare());
    rates.put("b2b_share_of_registered", truth.b2bShare());
    rates.put("b2g_share_of_registered", truth.b2gShare());
    rates.put("return_line_rate", truth.returnLineRate());
    rates.put("cancel_rate_per_order", truth.cancelRate());
    rates.put("dirty_row_rate", truth.dirtyRate());
    rates.put("bot_hits_per_human_hit", truth.botHitsPerHumanHit());
    rates.put("tracker_blocked_share", truth.trackerBlockedShare());
    rates.put("newsletter_opt_in_share", truth.newsletterOptInShare());
    rates.put("contact_duplicate_rate", truth.contactDuplicateRate());
    rates.put("survey_rate_per_order", truth.surveyRate());
    root.put("rates", rates);

    double n = t.persons;
    Map<String, Object> realised = new LinkedHashMap<>();
    realised.put("persons", t.persons);
    realised.put("registered_customers", t.persons - t.guests);
    realised.put("guests", t.guests);
    realised.put("b2c", t.b2c);
    realised.put("b2b", t.b2b);
    realised.put("b2g", t.b2g);
    realised.put("purchases", t.purchases);
    realised.put("mean_purchases", t.purchases / n);
    realised.put("mean_repeat_purchases", t.repeats / n);
    double meanRepeats = t.repeats / n;
    realised.put("sd_repeat_purchases", Math.sqrt(Math.max(0, t.repeatsSquared / n - meanRepeats * meanRepeats)));
    realised.put("expected_repeat_purchases", t.expectedRepeatsNano / 1e9 / n);
    realised.put("share_zero_repeats", t.zeroRepeats / n);
    realised.put("same_day_moves", t.sameDayMoves);
    realised.put("share_dropped_out", t.droppedOut / n);
    realised.put("mean_lambda", t.lambdaNano / 1e9 / n);
    realised.put("mean_dropout_p", t.dropoutNano / 1e9 / n);
    double meanValue = t.orderValueCents / 100.0 / t.purchases;
    realised.put("mean_order_value", meanValue);
    realised.put("sd_order_value", Math.sqrt(Math.max(0, t.orderValueCentsSquared / 1e4 / t.purchases - meanValue * meanValue)));
    realised.put("revenue_before_returns", t.orderValueCents / 100.0);
    realised.put("order_lines", t.orderLines);
    realised.put("return_lines", t.returnLines);
    realised.put("return_line_share", (double) t.returnLines / t.orderLines);
    realised.put("cancelled_orders", t.cancelledOrders);
    realised.put("guest_orders", t.guestOrders);
    realised.put("web_orders", t.webOrders);
    realised.put("visits", t.visits);
    realised.put("human_hits", t.humanHits);
    realised.put("bot_hits", t.botHits);
    realised.put("bot_hit_share", (double) t.botHits / (t.botHits + t.humanHits));
    realised.put("tracker_events", t.events);
    realised.put("anonymous_visitors", t.anonymousVisitors);
    realised.put("contact_rows", t.contactRows);
    realised.put("contacts_de_rows", t.contactsDeRows);
    realised.put("contact_duplicate_persons", t.contactDuplicatePersons);
    realised.put("newsletter_opt_in_rows", t.newsletterOptIns);
    realised.put("invalid_emails", t.invalidEmails);
    realised.put("survey_responses", t.surveys);
    realised.put("survey_responses_before_dropout", t.surveysBeforeDropout);
    realised.put("mean_csat_before_dropout", t.surveysBeforeDropout == 0 ? null : (double) t.csatBeforeDropout / t.surveysBeforeDropout);
    long others = t.surveys - t.surveysBeforeDropout;
    realised.put("mean_csat_other", others == 0 ? null : (double) t.csatOther / others);
    root.put("realised", realised);

    Map<String, Object> sources = new LinkedHashMap<>();
    long allRows = 0;
    long allDirty = 0;
    for (Source s : Source.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      long d = 0;
      Map<String, Object> kinds = new LinkedHashMap<>();
      for (DirtKind k : s.kinds()) {
        long c = dirty[s.ordinal()][k.ordinal()];
        kinds.put(k.key(), c);
        d += c;
      }
      m.put("rows", rows[s.ordinal()]);
      m.put("clean_rows", rows[s.ordinal()] - d);
      m.put("dirty_rows", d);
      m.put("dirty_share", rows[s.ordinal()] == 0 ? 0.0 : (double) d / rows[s.ordinal()]);
      m.put("dirty", kinds);
      sources.put(s.key(), m);
      allRows += rows[s.ordinal()];
      allDirty += d;
    }
    root.put("sources", sources);
    Map<String, Object> dirt = new LinkedHashMap<>();
    dirt.put("rows", allRows);
    dirt.put("dirty_rows", allDirty);
    Map<String, Object> reasons = new LinkedHashMap<>();
    for (DirtKind k : DirtKind.values()) {
      reasons.put(k.key(), k.reason());
    }
    dirt.put("quarantine_reason_by_kind", reasons);
    dirt.put("note", "rows counts data lines without headers and include the dirty rows; every dirty row is an extra "
        + "line next to a clean one, so the clean data is complete; the truncated file carries no dirty rows");
    root.put("dirt", dirt);
    root.put("truncated_file", truncation);
    root.put("files", files);
    return root;
  }
}
