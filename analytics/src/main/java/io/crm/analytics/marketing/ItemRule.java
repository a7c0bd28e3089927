package io.crm.analytics.marketing;

import java.util.List;

/**
 * An association rule "who bought all of {@code antecedent} also bought {@code consequent}".
 *
 * @param support share of baskets holding antecedent and consequent
 * @param confidence share of the baskets with the antecedent that also hold the consequent
 * @param lift confidence divided by the consequent's own share of baskets (above 1: bought
 *     together more often than chance)
 */
public record ItemRule(List<String> antecedent, String consequent, double support, double confidence, double lift) {
  public ItemRule {
    antecedent = List.copyOf(antecedent);
  }

  /** E.g. "Garden + Toys -> Books (support 2.0 %, confidence 35.0 %, lift 1.80)". */
  public String describe() {
    return String.join(" + ", antecedent) + " -> " + consequent
        + String.format(java.util.Locale.ROOT, " (support %.1f %%, confidence %.1f %%, lift %.2f)",
            100 * support, 100 * confidence, lift);
  }
}
