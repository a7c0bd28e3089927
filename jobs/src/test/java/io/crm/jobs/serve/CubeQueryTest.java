package io.crm.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.analytics.cubes.CubeDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CubeQueryTest {
  private final CubeDefinition sales = CubeDefinition.named("sales");

  @Test
  void aSliceSelectsItsGroupingSetAndBindsFilterValues() {
    CubeQuery q = new CubeQuery(sales, List.of("channel"), List.of("revenue", "average_order_value"), Map.of("year", "2025"), null);
    assertEquals(List.of("year,channel", "2025"), q.parameters());
    assertTrue(q.sql().contains("\"year\" = ?"), q.sql());
    assertFalse(q.sql().contains("2025"), "values are parameters, never SQL text");
  }

  @Test
  void aCountryFilterTakesANameOrACode() {
    for (String spelling : List.of("DE", "de", "Germany", "Deutschland", " DEUTSCHLAND ", "DEU")) {
      CubeQuery q = new CubeQuery(sales, List.of("channel"), List.of("revenue"), Map.of("country", spelling), null);
      assertEquals("DE", q.parameters().get(1), spelling);
    }
    assertEquals("IE", new CubeQuery(sales, List.of(), List.of("revenue"), Map.of("country", "EIRE"), null).parameters().get(1));
    assertEquals("Channel Islands",
        new CubeQuery(sales, List.of(), List.of("revenue"), Map.of("country", "Channel Islands"), null).parameters().get(1),
        "a country no ISO table knows is matched as the cube keeps it");
  }

  @Test
  void drillingGoesOneLevelDownTheHierarchy() {
    CubeQuery q = new CubeQuery(sales, List.of("year"), List.of("revenue"), Map.of(), "date");
    assertEquals("year,quarter", q.parameters().get(0));
    CubeQuery fromFilter = new CubeQuery(sales, List.of(), List.of("revenue"), Map.of("category", "books"), "product");
    assertEquals("category,product", fromFilter.parameters().get(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CubeQuery(sales, List.of("day"), List.of(), Map.of(), "date"));
    assertTrue(e.getMessage().contains("finest"), e.getMessage());
  }

  @Test
  void unknownNamesAreRefusedWithTheValidOnes() {
    IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
        () -> new CubeQuery(sales, List.of("colour"), List.of(), Map.of(), null));
    assertTrue(dim.getMessage().contains("'colour'") && dim.getMessage().contains("channel"), dim.getMessage());
    IllegalArgumentException measure = assertThrows(IllegalArgumentException.class,
        () -> new CubeQuery(sales, List.of("year"), List.of("revenue; DROP TABLE x"), Map.of(), null));
    assertTrue(measure.getMessage().contains("measures: revenue"), measure.getMessage());
    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
        () -> new CubeQuery(sales, List.of("year", "channel", "country"), List.of(), Map.of(), null));
    assertTrue(tooMany.getMessage().contains("at most 2"), tooMany.getMessage());
  }
}
