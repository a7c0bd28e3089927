package io.crm.analytics.cubes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartialAggregatesTest {
  @Test
  void sumsAndCountsAreSummedAgainAndExtremesTakenAgain() {
    assertEquals(Optional.of("SUM"), PartialAggregates.combiner("SUM(gross_amount)"));
    assertEquals(Optional.of("SUM"), PartialAggregates.combiner("COUNT(*)"));
    assertEquals(Optional.of("SUM"), PartialAggregates.combiner(" count ( csat ) "));
    assertEquals(Optional.of("SUM"), PartialAggregates.combiner("SUM(CASE WHEN nps >= 9 THEN 1 ELSE 0 END)"));
    assertEquals(Optional.of("MIN"), PartialAggregates.combiner("MIN(order_date)"));
    assertEquals(Optional.of("MAX"), PartialAggregates.combiner("max(order_date)"));
    assertEquals(Optional.of("SUM"), PartialAggregates.combiner("SUM(CASE WHEN note = ')' THEN 1 END)"), "a parenthesis in a string");
  }

  @Test
  void measuresThatAreNotOneDecomposableCallAreNot() {
    assertEquals(Optional.empty(), PartialAggregates.combiner("COUNT(DISTINCT order_id)"));
    assertEquals(Optional.empty(), PartialAggregates.combiner("count( distinct customer_key)"));
    assertEquals(Optional.empty(), PartialAggregates.combiner("SUM(net_amount) / SUM(units)"), "two calls");
    assertEquals(Optional.empty(), PartialAggregates.combiner("SUM(a) + 1"));
    assertEquals(Optional.empty(), PartialAggregates.combiner("AVG(clv)"));
    assertEquals(Optional.empty(), PartialAggregates.combiner("100.0 * SUM(a)"));
  }
}
