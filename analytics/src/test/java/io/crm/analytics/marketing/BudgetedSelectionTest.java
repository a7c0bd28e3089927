package io.crm.analytics.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetedSelectionTest {

  private static List<BudgetedSelection.Candidate> fiveCustomers() {
    return List.of(
        new BudgetedSelection.Candidate("low", 40),
        new BudgetedSelection.Candidate("top", 1000),
        new BudgetedSelection.Candidate("mid", 300),
        new BudgetedSelection.Candidate("second", 500),
        new BudgetedSelection.Candidate("loss", 10));
  }

  @Test
  void ranksByExpectedReturnAndStopsWhenTheBudgetIsSpent() {
    // rate 10 %, cost 5: top 95, second 45, mid 25, low -1, loss -4; a budget of 12 buys two contacts
    BudgetedSelection.Result r = BudgetedSelection.select(fiveCustomers(), 0.10, 5, 12);
    assertEquals(List.of("top", "second"), r.picks().stream().map(BudgetedSelection.Pick::customerId).toList());
    assertEquals(10, r.spent(), 1e-9);
    assertEquals(95 + 45, r.expectedReturn(), 1e-9);
    assertEquals("budget", r.stop());
  }

  @Test
  void neverBuysAContactThatDoesNotPayForItself() {
    BudgetedSelection.Result r = BudgetedSelection.select(fiveCustomers(), 0.10, 5, 1_000);
    assertEquals(List.of("top", "second", "mid"), r.picks().stream().map(BudgetedSelection.Pick::customerId).toList());
    assertEquals(15, r.spent(), 1e-9);
    assertEquals(165, r.expectedReturn(), 1e-9);
    assertEquals("no positive return", r.stop());
  }

  @Test
  void aBudgetOfExactlyNContactsBuysNAndTooSmallABudgetBuysNone() {
    assertEquals(3, BudgetedSelection.select(fiveCustomers(), 0.10, 0.1, 0.3).picks().size());
    BudgetedSelection.Result none = BudgetedSelection.select(fiveCustomers(), 0.10, 5, 4.99);
    assertEquals(0, none.picks().size());
    assertEquals(0, none.expectedReturn(), 0);
  }
}
