package io.crm.analytics.marketing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import smile.association.ARM;
import smile.association.AssociationRule;
import smile.association.FPTree;

/**
 * Mines "bought together" rules from baskets with Smile's FP-growth and rule generation. Items
 * are names (products or categories); Smile works on integer ids, assigned here in name order
 * so the result never depends on basket order.
 */
public final class AssociationRules {
  private AssociationRules() {}

  /**
   * Rules with a single consequent, support of at least {@code minSupport} (share of baskets),
   * confidence of at least {@code minConfidence} and lift of at least {@code minLift}; best
   * first (confidence, lift, support, then names). Empty baskets are ignored.
   */
  public static List<ItemRule> mine(Collection<? extends Collection<String>> baskets, double minSupport,
      double minConfidence, double minLift) {
    if (!(minSupport > 0 && minSupport <= 1)) {
      throw new IllegalArgumentException("minimum support must be in (0, 1], got " + minSupport);
    }
    if (!(minConfidence > 0 && minConfidence <= 1)) {
      throw new IllegalArgumentException("minimum confidence must be in (0, 1], got " + minConfidence);
    }
    TreeSet<String> names = new TreeSet<>();
    baskets.forEach(names::addAll);
    Map<String, Integer> ids = new TreeMap<>();
    for (String n : names) {
      ids.put(n, ids.size());
    }
    List<String> byId = new ArrayList<>(names);
    List<int[]> encoded = new ArrayList<>();
    for (Collection<String> basket : baskets) {
      int[] items = new TreeSet<>(basket).stream().mapToInt(ids::get).toArray();
      if (items.length > 0) {
        encoded.add(items);
      }
    }
    if (encoded.isEmpty()) {
      return List.of();
    }
    int minCount = Math.max(1, (int) Math.ceil(minSupport * encoded.size() - 1e-9));
    FPTree tree = FPTree.of(minCount, encoded.toArray(new int[0][]));
    List<ItemRule> rules = new ArrayList<>();
    try (var stream = ARM.apply(minConfidence, tree)) {
      for (AssociationRule r : (Iterable<AssociationRule>) stream::iterator) {
        if (r.consequent.length != 1 || r.lift < minLift) {
          continue;
        }
        List<String> antecedent = new ArrayList<>();
        for (int id : r.antecedent) {
          antecedent.add(byId.get(id));
        }
        antecedent.sort(null);
        rules.add(new ItemRule(antecedent, byId.get(r.consequent[0]), r.support, r.confidence, r.lift));
      }
    }
    rules.sort(BEST_FIRST);
    return List.copyOf(rules);
  }

  /** Higher confidence, then lift, then support first; names break ties. */
  public static final Comparator<ItemRule> BEST_FIRST =
      Comparator.comparingDouble(ItemRule::confidence).reversed()
          .thenComparing(Comparator.comparingDouble(ItemRule::lift).reversed())
          .thenComparing(Comparator.comparingDouble(ItemRule::support).reversed())
          .thenComparing(r -> String.join("\u0000", r.antecedent()))
          .thenComparing(ItemRule::consequent);
}
