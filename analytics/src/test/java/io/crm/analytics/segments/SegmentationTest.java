package io.crm.analytics.segments;

import io.crm.analytics.Warehouses;

import static io.crm.analytics.SilverFixture.silver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.analytics.SharedSpark;
import io.crm.analytics.SilverFixture;
import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationTest {
  private static final LocalDate AS_OF = LocalDate.parse("2024-12-31");

  @TempDir Path dir;

  /** Forty buyers with spread-out behaviour plus named customers for each lifecycle stage. */
  private static SilverFixture population() {
    SilverFixture f = silver();
    for (int i = 0; i < 40; i++) {
      String id = String.format("c%02d", i);
      f.customer(id, "2023-01-01");
      int orders = 1 + i % 5;
      for (int o = 0; o < orders; o++) {
        f.order(id, LocalDate.parse("2024-01-01").plusDays(8L * i + 20L * o).toString(), 10 + 7 * i, i % 2 == 0 ? "books" : "toys");
      }
    }
    return f.customer("prospect", "2024-10-01")
        .customer("newbie", "2024-11-01").order("newbie", "2024-12-01", 30, "books")
        .customer("comeback", "2022-01-01").order("comeback", "2022-02-01", 30, "books").order("comeback", "2024-12-15", 30, "books")
        .customer("fading", "2022-01-01").order("fading", "2022-03-01", 30, "books").order("fading", "2024-03-01", 30, "books")
        .customer("sleeping", "2022-01-01").order("sleeping", "2023-06-01", 30, "books")
        .customer("gone", "2021-01-01").order("gone", "2021-06-01", 30, "books").order("gone", "2022-06-01", 30, "books");
  }

  private Segmentation.Result run(SparkSession spark, String silverRoot, LocalDate asOf) {
    Snapshots gold = new Snapshots(spark, Warehouses.forLayer(dir.resolve("gold").toString()));
    new CustomerFeatures(spark, new SilverTables(spark, Warehouses.forLayer(silverRoot)), gold).run(asOf);
    return new Segmentation(gold, SegmentParams.defaults()).run(asOf);
  }

  private Map<String, Row> read(SparkSession spark, String path) {
    Map<String, Row> byId = new HashMap<>();
    spark.read().parquet(path).collectAsList().forEach(r -> byId.put(r.getAs("customer_key"), r));
    return byId;
  }

  @Test
  void assignsLifecycleStagesFromRecencyAndHistory() {
    SparkSession spark = SharedSpark.get();
    String root = population().writeTo(spark, dir.resolve("silver"));
    Map<String, Row> rows = read(spark, run(spark, root, AS_OF).path());

    assertEquals("prospect", rows.get("prospect").getAs("lifecycle_stage"));
    assertEquals("new", rows.get("newbie").getAs("lifecycle_stage"));
    assertEquals("reactivated", rows.get("comeback").getAs("lifecycle_stage"));
    assertEquals("at risk", rows.get("fading").getAs("lifecycle_stage")); // 305 days
    assertEquals("lapsed", rows.get("sleeping").getAs("lifecycle_stage")); // 579 days
    assertEquals("lost", rows.get("gone").getAs("lifecycle_stage"));
  }

  @Test
  void scoresRfmByQuintileWithTiesSharingAScore() {
    SparkSession spark = SharedSpark.get();
    String root = population().writeTo(spark, dir.resolve("silver"));
    Segmentation.Result result = run(spark, root, AS_OF);
    Map<String, Row> rows = read(spark, result.path());

    assertNull(rows.get("prospect").getAs("r_score"));
    assertEquals(1L, result.bySegment().get(Segmentation.NO_PURCHASE));
    // equal purchase-day counts always get equal F scores
    Map<Long, Integer> fByFrequency = new HashMap<>();
    for (Row r : rows.values()) {
      if (r.getAs("f_score") != null) {
        long days = r.getAs("purchase_days");
        int f = r.getAs("f_score");
        Integer seen = fByFrequency.putIfAbsent(days, f);
        assertTrue(seen == null || seen == f, "purchase_days " + days + " scored " + seen + " and " + f);
        String expected = SegmentParams.defaults().segmentOf(r.getAs("r_score"), f, r.getAs("m_score"));
        assertEquals(expected, r.getAs("rfm_segment"));
      }
    }
    // more purchase days never score lower
    fByFrequency.forEach((d1, f1) -> fByFrequency.forEach((d2, f2) -> assertTrue(d1 <= d2 || f1 >= f2)));
    // the most recent, most frequent, highest spender is a champion
    Row best = rows.get("c39");
    assertEquals(5, (int) best.getAs("m_score"));
    long total = result.bySegment().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(rows.size(), total);
  }

  @Test
  void valueTiersFollowCumulativeRevenueShare() {
    SparkSession spark = SharedSpark.get();
    String root =
        silver()
            .customer("whale", "2024-01-01").order("whale", "2024-05-01", 7000, "books")
            .customer("big", "2024-01-01").order("big", "2024-05-01", 2000, "books")
            .customer("mid", "2024-01-01").order("mid", "2024-05-01", 600, "books")
            .customer("small", "2024-01-01").order("small", "2024-05-01", 400, "books")
            .writeTo(spark, dir.resolve("silver"));
    Map<String, Row> rows = read(spark, run(spark, root, AS_OF).path());
    // shares before each customer: 0, 0.70, 0.90, 0.96 -> A, A, B, C with cut-offs 0.80 / 0.95
    assertEquals("A", rows.get("whale").getAs("value_tier"));
    assertEquals("A", rows.get("big").getAs("value_tier"));
    assertEquals("B", rows.get("mid").getAs("value_tier"));
    assertEquals("C", rows.get("small").getAs("value_tier"));
  }

  @Test
  void clustersBuyersAndRecordsMigrationBetweenSnapshots() {
    SparkSession spark = SharedSpark.get();
    String root = population().writeTo(spark, dir.resolve("silver"));
    Segmentation.Result first = run(spark, root, LocalDate.parse("2024-09-30"));
    Segmentation.Result second = run(spark, root, AS_OF);

    assertNull(first.previousAsOf());
    assertEquals(LocalDate.parse("2024-09-30"), second.previousAsOf());
    assertTrue(second.clusters() >= 3, "clusters: " + second.clusters());
    long moved = second.migration().stream().mapToLong(Segmentation.Migration::customers).sum();
    assertEquals(second.customers(), moved);
    // customers who were not known at the first snapshot arrive from "(not known)"
    assertTrue(second.migration().stream().anyMatch(m -> m.fromSegment().equals(Segmentation.NOT_KNOWN)));
    Row anyBuyer = read(spark, second.path()).get("c10");
    assertNotNull(anyBuyer.getAs("cluster_label"));
  }

  @Test
  void rejectsInconsistentThresholds() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SegmentParams.fromMap(Map.of("active_days", 400)));
    assertTrue(e.getMessage().contains("400"), e.getMessage());
  }
}
