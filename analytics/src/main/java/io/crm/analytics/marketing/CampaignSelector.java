package io.crm.analytics.marketing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules of the campaign kinds: which customers a campaign picks, the offer and the reason
 * for each, and the value at stake. Recommendations come best first (value at stake, then id;
 * key accounts first by customer type).
 */
public final class CampaignSelector {
  private CampaignSelector() {}

  /** Checks every setting of the campaign, so a bad crm.yaml fails before any data is read. */
  static void validate(Campaign c) {
    c.offer();
    c.share("response_rate", 0, 1);
    switch (c.kind()) {
      case REACTIVATION -> {
        c.names("stages");
        c.names("tiers");
        c.number("min_clv");
      }
      case WIN_BACK -> {
        c.names("stages");
        c.share("min_churn_probability", 0, 1);
        c.number("min_clv");
      }
      case CROSS_SELL -> {
        c.choice("item", List.of("category", "product"));
        c.choice("basket", List.of("order", "customer"));
        if (c.share("min_support", 0, 1) == 0) {
          throw new IllegalArgumentException(c.path("min_support") + " must be above 0, got '0'");
        }
        if (c.share("min_confidence", 0, 1) == 0) {
          throw new IllegalArgumentException(c.path("min_confidence") + " must be above 0, got '0'");
        }
        c.number("min_lift");
      }
      case NEWSLETTER_CONVERSION -> {
        c.names("stages");
        c.whole("min_sessions_30d");
        valuePerConversion(c, List.of());
      }
      case KEY_ACCOUNTS -> {
        c.names("tiers");
        c.names("type_order");
      }
      case SATISFACTION_CHECK -> {
        c.number("max_csat");
        c.number("max_nps");
        c.whole("recent_days");
      }
    }
  }

  /** Cross-sell settings the caller needs to build the {@link PurchaseHistory}: item level. */
  public static String crossSellItem(Campaign c) {
    return c.choice("item", List.of("category", "product"));
  }

  /** Cross-sell basket: "order" or "customer". */
  public static String crossSellBasket(Campaign c) {
    return c.choice("basket", List.of("order", "customer"));
  }

  /**
   * The campaign's picks among {@code customers}. {@code purchases} is needed by cross-sell only
   * (null otherwise).
   */
  public static List<Recommendation> select(Campaign c, List<CustomerProfile> customers, PurchaseHistory purchases) {
    List<Recommendation> out = new ArrayList<>();
    switch (c.kind()) {
      case REACTIVATION -> {
        Set<String> stages = lower(c.names("stages"));
        Set<String> tiers = Set.copyOf(c.names("tiers"));
        double minClv = c.number("min_clv");
        for (CustomerProfile p : customers) {
          if (in(stages, p.lifecycleStage()) && (tiers.contains(p.valueTier()) || p.clvOrZero() >= minClv)) {
            out.add(new Recommendation(p.customerId(), c.offer(),
                String.format(Locale.ROOT, "%s, last purchase %d days ago, tier %s, net revenue %.2f, CLV %.2f",
                    p.lifecycleStage(), p.recencyDays(), p.valueTier(), p.monetaryTotal(), p.clvOrZero()),
                Math.max(p.monetaryTotal(), p.clvOrZero()), null));
          }
        }
      }
      case WIN_BACK -> {
        Set<String> stages = lower(c.names("stages"));
        double minP = c.number("min_churn_probability");
        double minClv = c.number("min_clv");
        for (CustomerProfile p : customers) {
          if (in(stages, p.lifecycleStage()) && p.churnProbability() != null && p.churnProbability() >= minP
              && p.clvOrZero() >= minClv) {
            out.add(new Recommendation(p.customerId(), c.offer(),
                String.format(Locale.ROOT, "%s, churn probability %.0f %%, CLV %.2f",
                    p.lifecycleStage(), 100 * p.churnProbability(), p.clvOrZero()),
                p.clvOrZero(), null));
          }
        }
      }
      case CROSS_SELL -> {
        if (purchases == null) {
          throw new IllegalStateException("cross-sell needs the purchase history");
        }
        CrossSell model = new CrossSell(AssociationRules.mine(purchases.baskets(), c.number("min_support"),
            c.number("min_confidence"), c.number("min_lift")));
        for (CustomerProfile p : customers) {
          Set<String> bought = purchases.boughtBy().get(p.customerId());
          if (bought == null || bought.isEmpty()) {
            continue;
          }
          model.next(bought).ifPresent(rule -> out.add(new Recommendation(p.customerId(),
              c.offer().replace("{item}", rule.consequent()), "bought " + rule.describe(),
              purchases.itemValue().getOrDefault(rule.consequent(), 0.0), rule)));
        }
      }
      case NEWSLETTER_CONVERSION -> {
        Set<String> stages = lower(c.names("stages"));
        int minSessions = c.whole("min_sessions_30d");
        double value = valuePerConversion(c, customers);
        for (CustomerProfile p : customers) {
          if (in(stages, p.lifecycleStage()) && !p.isBuyer() && p.sessions30d() >= minSessions) {
            out.add(new Recommendation(p.customerId(), c.offer(),
                String.format(Locale.ROOT, "never bought, %d web sessions in the last 30 days", p.sessions30d()),
                value, null));
          }
        }
      }
      case KEY_ACCOUNTS -> {
        Set<String> tiers = Set.copyOf(c.names("tiers"));
        for (CustomerProfile p : customers) {
          if (tiers.contains(p.valueTier())) {
            out.add(new Recommendation(p.customerId(), c.offer(),
                String.format(Locale.ROOT, "tier %s %s, net revenue %.2f, CLV %.2f",
                    p.valueTier(), p.customerType(), p.monetaryTotal(), p.clvOrZero()),
                p.clvOrZero(), null));
          }
        }
        List<String> typeOrder = c.names("type_order");
        java.util.Map<String, String> typeOf = new java.util.HashMap<>();
        customers.forEach(p -> typeOf.put(p.customerId(), p.customerType()));
        Comparator<Recommendation> byType = Comparator.comparingInt(r -> {
          int i = typeOrder.indexOf(typeOf.get(r.customerId()));
          return i < 0 ? typeOrder.size() : i;
        });
        out.sort(byType.thenComparing(BY_VALUE));
        return List.copyOf(out);
      }
      case SATISFACTION_CHECK -> {
        double maxCsat = c.number("max_csat");
        double maxNps = c.number("max_nps");
        int recentDays = c.whole("recent_days");
        for (CustomerProfile p : customers) {
          String reason = null;
          if (p.lastCsat() != null && p.lastCsat() <= maxCsat) {
            reason = String.format(Locale.ROOT, "last CSAT %.0f", p.lastCsat());
          } else if (p.lastNps() != null && p.lastNps() <= maxNps) {
            reason = String.format(Locale.ROOT, "last NPS %.0f", p.lastNps());
          } else if (p.surveyResponses() == 0 && p.recencyDays() != null && p.recencyDays() <= recentDays) {
            reason = "bought " + p.recencyDays() + " days ago, never surveyed";
          }
          if (reason != null) {
            out.add(new Recommendation(p.customerId(), c.offer(), reason, p.clvOrZero(), null));
          }
        }
      }
    }
    out.sort(BY_VALUE);
    return List.copyOf(out);
  }

  /**
   * A prospect's value at stake: the setting, or with "auto" the mean net revenue of the buyers
   * among {@code customers} (what a converted prospect has brought so far on average).
   */
  static double valuePerConversion(Campaign c, List<CustomerProfile> customers) {
    Object v = c.settings().get("value_per_conversion");
    if ("auto".equals(v)) {
      return customers.stream().filter(CustomerProfile::isBuyer).mapToDouble(CustomerProfile::monetaryTotal).average().orElse(0);
    }
    double d = c.number("value_per_conversion");
    if (d < 0) {
      throw new IllegalArgumentException(c.path("value_per_conversion") + " must be 'auto' or >= 0, got '" + d + "'");
    }
    return d;
  }

  private static final Comparator<Recommendation> BY_VALUE =
      Comparator.comparingDouble(Recommendation::valueAtStake).reversed().thenComparing(Recommendation::customerId);

  private static Set<String> lower(List<String> names) {
    Set<String> out = new java.util.HashSet<>();
    names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
    return out;
  }

  private static boolean in(Set<String> lowerNames, String value) {
    return value != null && lowerNames.contains(value.toLowerCase(Locale.ROOT));
  }
}
