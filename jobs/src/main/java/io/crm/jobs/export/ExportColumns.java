package io.crm.jobs.export;

import io.crm.jobs.cli.UserException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every column an export can have, and the default choice. */
public final class ExportColumns {
  private static final Map<String, ExportColumn> ALL = new LinkedHashMap<>();

  static {
    add("customer_id", ColumnType.TEXT, "resolved customer id");
    add("email", ColumnType.TEXT, "e-mail, trimmed and lower-cased");
    add("first_name", ColumnType.TEXT, "from the most recently updated contact record with a name");
    add("last_name", ColumnType.TEXT, "");
    add("company", ColumnType.TEXT, "");
    add("customer_type", ColumnType.TEXT, "B2C, B2B or B2G");
    add("country", ColumnType.TEXT, "ISO code");
    add("rfm_segment", ColumnType.TEXT, "named RFM segment");
    add("lifecycle_stage", ColumnType.TEXT, "prospect, new, active, reactivated, at risk, lapsed, lost");
    add("value_tier", ColumnType.TEXT, "A, B or C");
    add("clv", ColumnType.MONEY, "lifetime value over the configured horizon");
    add("p_alive", ColumnType.RATIO, "probability the customer is still active");
    add("risk_band", ColumnType.TEXT, "churn risk band: Low, Medium, High");
    add("offer", ColumnType.TEXT, "the campaign's offer");
    add("reason", ColumnType.TEXT, "why the campaign picked the customer");
    add("churn_probability", ColumnType.RATIO, "churn score");
    add("cluster", ColumnType.TEXT, "behavioural cluster, in words");
    add("net_revenue", ColumnType.MONEY, "net revenue up to as_of");
    add("orders", ColumnType.INTEGER, "");
    add("recency_days", ColumnType.INTEGER, "days since the last purchase");
    add("first_order_date", ColumnType.DATE, "");
    add("last_order_date", ColumnType.DATE, "");
    add("sessions_30d", ColumnType.INTEGER, "web sessions in the last 30 days");
    add("last_csat", ColumnType.INTEGER, "last CSAT answer, 1-5");
    add("last_nps", ColumnType.INTEGER, "last NPS answer, 0-10");
    add("street", ColumnType.TEXT, "");
    add("postal_code", ColumnType.TEXT, "");
    add("city", ColumnType.TEXT, "");
    add("phone", ColumnType.TEXT, "");
    add("opted_in_on", ColumnType.DATE, "day of the latest newsletter opt-in on record");
    add("value_at_stake", ColumnType.MONEY, "the campaign's value at stake for the customer");
    add("expected_return", ColumnType.MONEY, "value at stake x response rate - cost per contact (with --budget)");
    add("rule_support", ColumnType.RATIO, "cross-sell: support of the rule behind the offer");
    add("rule_confidence", ColumnType.RATIO, "cross-sell: confidence of the rule");
    add("rule_lift", ColumnType.RATIO, "cross-sell: lift of the rule");
  }

  /** The default columns; offer and reason only for a campaign. */
  public static final List<String> DEFAULT = List.of("customer_id", "email", "first_name", "last_name", "company",
      "customer_type", "country", "rfm_segment", "lifecycle_stage", "value_tier", "clv", "p_alive", "risk_band",
      "offer", "reason");

  private ExportColumns() {}

  private static void add(String name, ColumnType type, String description) {
    ALL.put(name, new ExportColumn(name, type, description));
  }

  public static List<ExportColumn> all() {
    return new ArrayList<>(ALL.values());
  }

  /** The columns asked for by name, in that order; an unknown name is refused listing the valid ones. */
  public static List<ExportColumn> resolve(List<String> names) {
    List<ExportColumn> out = new ArrayList<>();
    for (String raw : names) {
      String name = raw.strip().toLowerCase(java.util.Locale.ROOT);
      ExportColumn c = ALL.get(name);
      if (c == null) {
        throw new UserException("unknown column '" + raw + "' in --columns; valid: " + String.join(", ", ALL.keySet()));
      }
      if (!out.contains(c)) {
        out.add(c);
      }
    }
    if (out.isEmpty()) {
      throw new UserException("--columns names no column; valid: " + String.join(", ", ALL.keySet()));
    }
    return out;
  }
}
