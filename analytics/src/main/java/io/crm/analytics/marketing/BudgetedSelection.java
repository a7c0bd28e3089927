package io.crm.analytics.marketing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Spends a campaign budget on the contacts worth most: expected return of a contact =
 * value at stake x response rate - cost per contact. Candidates are ranked by it and taken
 * until the next one would overrun the budget or would no longer pay for itself.
 */
public final class BudgetedSelection {
  private BudgetedSelection() {}

  public record Candidate(String customerId, double valueAtStake) {}

  public record Pick(String customerId, double valueAtStake, double expectedReturn) {}

  /**
   * @param picks chosen contacts, best first
   * @param spent picks x cost per contact
   * @param expectedReturn sum of the picks' expected returns (net of their cost)
   * @param stop why the selection ended: "budget", "no positive return" or "all candidates"
   */
  public record Result(List<Pick> picks, double spent, double expectedReturn, String stop) {}

  public static Result select(List<Candidate> candidates, double responseRate, double costPerContact, double budget) {
    if (!(responseRate >= 0 && responseRate <= 1)) {
      throw new IllegalArgumentException("response rate must be in [0, 1], got " + responseRate);
    }
    if (!(costPerContact > 0)) {
      throw new IllegalArgumentException("cost per contact must be > 0, got " + costPerContact);
    }
    if (!(budget >= 0)) {
      throw new IllegalArgumentException("budget must be >= 0, got " + budget);
    }
    List<Pick> ranked = new ArrayList<>();
    for (Candidate c : candidates) {
      ranked.add(new Pick(c.customerId(), c.valueAtStake(), c.valueAtStake() * responseRate - costPerContact));
    }
    ranked.sort(Comparator.comparingDouble(Pick::expectedReturn).reversed().thenComparing(Pick::customerId));
    List<Pick> picks = new ArrayList<>();
    double spent = 0;
    double expected = 0;
    String stop = "all candidates";
    for (Pick p : ranked) {
      if (p.expectedReturn() <= 0) {
        stop = "no positive return";
        break;
      }
      // a cent of slack so a budget of exactly n contacts is not lost to rounding
      if (spent + costPerContact > budget + 0.005) {
        stop = "budget";
        break;
      }
      picks.add(p);
      spent += costPerContact;
      expected += p.expectedReturn();
    }
    return new Result(List.copyOf(picks), spent, expected, stop);
  }
}
