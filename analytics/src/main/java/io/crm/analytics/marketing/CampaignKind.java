package io.crm.analytics.marketing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The campaign rules this version knows, each with its default settings. A campaign in crm.yaml
 * is one of these kinds (by its name, or by {@code kind:}) with some settings changed.
 */
public enum CampaignKind {
  REACTIVATION("reactivation", "lapsed or lost customers who were worth a lot (high past value or CLV)",
      settings("stages", List.of("lapsed", "lost"), "tiers", List.of("A", "B"), "min_clv", 100.0,
          "offer", "15 % comeback voucher", "response_rate", 0.05)),
  WIN_BACK("win-back", "at-risk customers with a high churn score and high CLV",
      settings("stages", List.of("at risk"), "min_churn_probability", 0.5, "min_clv", 50.0,
          "offer", "personal offer: free shipping for a year", "response_rate", 0.10)),
  CROSS_SELL("cross-sell", "buyers with the next item to offer, from association rules over co-purchases",
      settings("item", "category", "basket", "order", "min_support", 0.01, "min_confidence", 0.10,
          "min_lift", 1.0, "offer", "10 % on {item}", "response_rate", 0.04)),
  NEWSLETTER_CONVERSION("newsletter-conversion", "opted-in prospects who never bought but visit the web shop",
      settings("stages", List.of("prospect"), "min_sessions_30d", 1, "value_per_conversion", "auto",
          "offer", "10 % welcome discount on the first order", "response_rate", 0.02)),
  KEY_ACCOUNTS("key-accounts", "tier A customers, grouped by customer type (B2B, B2G first)",
      settings("tiers", List.of("A"), "type_order", List.of("B2B", "B2G", "B2C"),
          "offer", "account review with your key account manager", "response_rate", 0.25)),
  SATISFACTION_CHECK("satisfaction-check",
      "customers whose last CSAT or NPS was poor, or who bought recently and were never asked",
      settings("max_csat", 2, "max_nps", 6, "recent_days", 30,
          "offer", "call from customer service", "response_rate", 0.30));

  private final String id;
  private final String description;
  private final Map<String, Object> defaults;

  CampaignKind(String id, String description, Map<String, Object> defaults) {
    this.id = id;
    this.description = description;
    this.defaults = defaults;
  }

  /** The name in crm.yaml and on the command line, e.g. "win-back". */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  /** Every setting of this kind with its default; no other key is accepted. */
  public Map<String, Object> defaults() {
    return defaults;
  }

  public static CampaignKind byId(String id) {
    for (CampaignKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    return null;
  }

  public static List<String> ids() {
    return java.util.Arrays.stream(values()).map(CampaignKind::id).toList();
  }

  private static Map<String, Object> settings(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
