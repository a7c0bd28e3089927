package io.crm.analytics.marketing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The next item to offer a customer: the best rule they satisfy whose item they never bought. */
public final class CrossSell {
  private final List<ItemRule> rules;

  /** {@code rules} best first, as {@link AssociationRules#mine} returns them. */
  public CrossSell(List<ItemRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public Optional<ItemRule> next(Collection<String> bought) {
    Set<String> owned = Set.copyOf(bought);
    for (ItemRule r : rules) {
      if (owned.containsAll(r.antecedent()) && !owned.contains(r.consequent())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  public List<ItemRule> rules() {
    return rules;
  }
}
