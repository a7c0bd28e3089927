package io.crm.analytics.churn;

import io.crm.analytics.Warehouses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.analytics.SharedSpark;
import io.crm.analytics.SilverFixture;
import io.crm.analytics.clv.ClvParams;
import io.crm.analytics.clv.ClvStep;
import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Churn features and labels: the population, the label rule and the absence of leakage. */
class ChurnFeaturesTest {
  private static final LocalDate AS_OF = SimulatedCustomerBase.AS_OF;
  private static final LocalDate CUTOFF = SimulatedCustomerBase.CUTOFF;

  @TempDir Path dir;

  private ChurnTraining training(SparkSession spark, String root, String gold) {
    SilverTables silver = new SilverTables(spark, Warehouses.forLayer(root));
    Snapshots snapshots = new Snapshots(spark, Warehouses.forLayer(dir.resolve(gold).toString()));
    ChurnParams params = ChurnParams.defaults();
    ChurnFeatures features = new ChurnFeatures(silver, new CustomerFeatures(spark, silver, snapshots),
        new ClvStep(spark, silver, snapshots, ClvParams.defaults()), params.activeDays());
    return new ChurnTraining(spark, silver, snapshots, features,
        new ChurnModelStore(Warehouses.forLayer(dir.resolve(gold).toString())), params);
  }

  private static Map<String, Row> byId(List<Row> rows) {
    Map<String, Row> out = new HashMap<>();
    rows.forEach(r -> out.put(r.getString(r.fieldIndex("customer_key")), r));
    return out;
  }

  /**
   * Training rows at the cutoff are built from two silver layers that agree up to the cutoff and
   * differ after it (more orders, returns, surveys, sessions, consent changes, a new customer):
   * every feature of every customer must be the same, while the labels must differ.
   */
  @Test
  void dataAfterTheCutoffChangesLabelsButNoTrainingFeature() {
    SparkSession spark = SharedSpark.get();
    String before = SimulatedCustomerBase.add(SilverFixture.silver(), 300, 11L).writeTo(spark, dir.resolve("a/silver"));
    SilverFixture later = SimulatedCustomerBase.add(SilverFixture.silver(), 300, 11L);
    String day = CUTOFF.plusDays(1).toString();
    for (int c = 0; c < 300; c += 3) {
      later.order("u" + c, day, 500, 200, "completed", "books")
          .survey("u" + c, day, 1, 0)
          .session("u" + c, day, 30, true)
          .consent("u" + c, day, true);
    }
    later.customer("newcomer", day).order("newcomer", day, 10, "music");
    String after = later.writeTo(spark, dir.resolve("b/silver"));

    List<String> notesA = new ArrayList<>();
    List<String> notesB = new ArrayList<>();
    List<Row> a = training(spark, before, "a/gold").labelled(AS_OF, notesA).collectAsList();
    List<Row> b = training(spark, after, "b/gold").labelled(AS_OF, notesB).collectAsList();
    assertEquals(notesA, notesB);
    assertEquals(a.size(), b.size(), "the population is fixed at the cutoff");
    Map<String, Row> rowsB = byId(b);
    int labelChanges = 0;
    for (Row ra : a) {
      Row rb = rowsB.get(ra.getString(0));
      for (String f : ChurnFeatures.NUMERIC) {
        Double va = ra.getAs(f);
        Double vb = rb.getAs(f);
        if (va == null || vb == null) {
          assertEquals(va, vb, f + " of " + ra.getString(0));
        } else {
          // sums of doubles may differ in the last bit with the order Spark adds them in
          assertEquals(va, vb, 1e-9 * Math.max(1, Math.abs(va)), f + " of " + ra.getString(0));
        }
      }
      for (String f : ChurnFeatures.CATEGORICAL) {
        assertEquals((Object) ra.getAs(f), rb.getAs(f), f + " of " + ra.getString(0));
      }
      if (!ra.getAs("churned").equals(rb.getAs("churned"))) {
        labelChanges++;
      }
    }
    assertTrue(labelChanges > 0, "the later orders must turn some churners into stayers");
    assertFalse(rowsB.containsKey("newcomer"));
  }

  @Test
  void labelIsNoPurchaseInTheHorizonAmongRecentBuyers() {
    SparkSession spark = SharedSpark.get();
    SilverFixture s = SimulatedCustomerBase.add(SilverFixture.silver(), 200, 5L);
    String inWindow = CUTOFF.minusDays(30).toString();
    s.customer("stays", "2024-01-05").order("stays", "2024-01-05", 20, "books").order("stays", inWindow, 30, "books")
        .order("stays", CUTOFF.plusDays(60).toString(), 15, "books");
    s.customer("leaves", "2024-01-05").order("leaves", "2024-01-05", 20, "books").order("leaves", inWindow, 30, "books");
    s.customer("cancelled-only-after", "2024-01-05").order("cancelled-only-after", inWindow, 30, "books")
        .order("cancelled-only-after", CUTOFF.plusDays(10).toString(), 40, 0, "cancelled", "books");
    s.customer("long-gone", "2022-01-01").order("long-gone", CUTOFF.minusDays(400).toString(), 20, "books");
    s.customer("buys-on-cutoff-plus-90", "2024-01-05").order("buys-on-cutoff-plus-90", inWindow, 20, "books")
        .order("buys-on-cutoff-plus-90", AS_OF.toString(), 20, "books");
    String root = s.writeTo(spark, dir.resolve("silver"));
    Map<String, Row> rows = byId(training(spark, root, "gold").labelled(AS_OF, new ArrayList<>()).collectAsList());
    assertEquals(0, (int) rows.get("stays").getAs("churned"));
    assertEquals(1, (int) rows.get("leaves").getAs("churned"));
    assertEquals(1, (int) rows.get("cancelled-only-after").getAs("churned"), "a cancelled order is no purchase");
    assertEquals(0, (int) rows.get("buys-on-cutoff-plus-90").getAs("churned"), "the horizon includes its last day");
    assertFalse(rows.containsKey("long-gone"), "no purchase in the active window: not in the population");
    assertEquals(30.0, rows.get("leaves").<Double>getAs("recency_days"));
    assertTrue(rows.get("leaves").<Double>getAs("p_alive") < 1.0);
  }

  @Test
  void retrainingCadenceAndParameters() {
    LocalDate d = LocalDate.parse("2024-12-31");
    assertTrue(ChurnScoring.needsRetraining(Optional.empty(), d, 7));
    assertFalse(ChurnScoring.needsRetraining(Optional.of(d.minusDays(6)), d, 7));
    assertTrue(ChurnScoring.needsRetraining(Optional.of(d.minusDays(7)), d, 7));
    ChurnParams p = ChurnParams.fromMap(Map.of("risk_bands", Map.of("medium", 0.2, "high", 0.5)));
    assertEquals("Low", p.riskBand(0.19));
    assertEquals("Medium", p.riskBand(0.2));
    assertEquals("High", p.riskBand(0.5));
    assertThrows(IllegalArgumentException.class, () -> ChurnParams.fromMap(Map.of("risk_bands", Map.of("medium", 0.7, "high", 0.5))));
    assertThrows(IllegalArgumentException.class, () -> ChurnParams.fromMap(Map.of("horizon_days", "ninety")));
    assertNotEquals(ChurnParams.defaults().horizonDays(), 0);
  }
}
