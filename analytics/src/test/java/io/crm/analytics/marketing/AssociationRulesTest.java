package io.crm.analytics.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssociationRulesTest {

  /**
   * Ten baskets whose counts are easy to check by hand: bread 8, butter 6, milk 6, bread+butter
   * 6, bread+milk 4, butter+milk 2, all three 2.
   */
  static List<Set<String>> breakfastBaskets() {
    List<Set<String>> b = new ArrayList<>();
    b.addAll(Collections.nCopies(4, Set.of("bread", "butter")));
    b.addAll(Collections.nCopies(2, Set.of("bread", "milk")));
    b.addAll(Collections.nCopies(2, Set.of("bread", "butter", "milk")));
    b.addAll(Collections.nCopies(2, Set.of("milk")));
    return b;
  }

  @Test
  void findsExactlyTheRulesAboveTheThresholdsWithTheirMeasures() {
    List<ItemRule> rules = AssociationRules.mine(breakfastBaskets(), 0.3, 0.7, 0);
    assertEquals(2, rules.size(), rules.toString());
    ItemRule first = rules.get(0);
    assertEquals(List.of("butter"), first.antecedent());
    assertEquals("bread", first.consequent());
    assertEquals(0.6, first.support(), 1e-9);
    assertEquals(1.0, first.confidence(), 1e-9);
    assertEquals(1.25, first.lift(), 1e-9);
    ItemRule second = rules.get(1);
    assertEquals(List.of("bread"), second.antecedent());
    assertEquals("butter", second.consequent());
    assertEquals(0.6, second.support(), 1e-9);
    assertEquals(0.75, second.confidence(), 1e-9);
    assertEquals(1.25, second.lift(), 1e-9);
  }

  @Test
  void lowerConfidenceAdmitsMilkRulesAndMinLiftDropsTheUnderOneRules() {
    List<ItemRule> all = AssociationRules.mine(breakfastBaskets(), 0.3, 0.5, 0);
    // milk -> bread (4/6, lift 0.83) and bread -> milk (4/8, lift 0.83) join the two above
    assertEquals(4, all.size(), all.toString());
    ItemRule milkBread = all.stream().filter(r -> r.antecedent().equals(List.of("milk"))).findFirst().orElseThrow();
    assertEquals(4.0 / 6, milkBread.confidence(), 1e-9);
    assertEquals((4.0 / 6) / 0.8, milkBread.lift(), 1e-9);
    assertEquals(2, AssociationRules.mine(breakfastBaskets(), 0.3, 0.5, 1.0).size());
  }

  @Test
  void resultDoesNotDependOnBasketOrder() {
    List<Set<String>> reversed = new ArrayList<>(breakfastBaskets());
    Collections.reverse(reversed);
    assertEquals(AssociationRules.mine(breakfastBaskets(), 0.2, 0.3, 0), AssociationRules.mine(reversed, 0.2, 0.3, 0));
  }

  @Test
  void crossSellOffersTheBestRuleWhoseItemWasNotBoughtYet() {
    CrossSell model = new CrossSell(AssociationRules.mine(breakfastBaskets(), 0.3, 0.7, 0));
    assertEquals("bread", model.next(Set.of("butter")).orElseThrow().consequent());
    assertEquals("butter", model.next(Set.of("bread", "milk")).orElseThrow().consequent());
    assertEquals(Optional.empty(), model.next(Set.of("bread", "butter")), "never an item already bought");
    assertEquals(Optional.empty(), model.next(Set.of("milk")), "no rule starts from milk alone");
  }

  @Test
  void emptyBasketsAndBadThresholds() {
    assertEquals(List.of(), AssociationRules.mine(List.of(Set.of(), Set.of()), 0.5, 0.5, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AssociationRules.mine(breakfastBaskets(), 0, 0.5, 0));
    assertTrue(e.getMessage().contains("support"), e.getMessage());
  }
}
