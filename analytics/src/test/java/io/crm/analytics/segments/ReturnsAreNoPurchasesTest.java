package io.crm.analytics.segments;

import static io.crm.analytics.SilverFixture.silver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.crm.analytics.SharedSpark;
import io.crm.analytics.Warehouses;
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

/**
 * A return is not a purchase: an order of returns only, or one whose returns take back all it
 * sold, is no purchase day for frequency, recency or lifecycle; a customer with nothing else is
 * no buyer. Net revenue still counts the money given back.
 */
class ReturnsAreNoPurchasesTest {
  private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

  @TempDir Path dir;

  @Test
  void returnOnlyOrdersMakeNoPurchaseDaysAndNoBuyers() {
    SparkSession spark = SharedSpark.get();
    String root = silver()
        .customer("returner", "2024-01-01").returnOnly("returner", "2024-06-01", 25, "books")
        .customer("buyer", "2024-01-01")
        .order("buyer", "2024-02-01", 40, "books")
        .returnOnly("buyer", "2024-06-20", 15, "books") // a later return of part of it, in an order of its own
        .order("buyer", "2024-03-01", 0, 30, "returned", "toys") // bought and sent all of it back: net 0
        .customer("other", "2024-01-01").order("other", "2024-05-01", 60, "toys")
        .writeTo(spark, dir.resolve("silver"));
    Snapshots gold = new Snapshots(spark, Warehouses.forLayer(dir.resolve("gold").toString()));
    String features = new CustomerFeatures(spark, new SilverTables(spark, Warehouses.forLayer(root)), gold).run(AS_OF).path();
    Map<String, Row> rows = new HashMap<>();
    spark.read().parquet(features).collectAsList().forEach(r -> rows.put(r.getAs("customer_key"), r));
    Map<String, Row> segments = new HashMap<>();
    spark.read().parquet(new Segmentation(gold, SegmentParams.defaults()).run(AS_OF).path()).collectAsList()
        .forEach(r -> segments.put(r.getAs("customer_key"), r));

    Row returner = rows.get("returner");
    assertEquals(0L, (long) returner.getAs("orders"));
    assertEquals(0L, (long) returner.getAs("purchase_days"));
    assertNull(returner.getAs("first_order_date"));
    assertEquals("prospect", segments.get("returner").getAs("lifecycle_stage"), "only returns: not a buyer");
    assertNull(segments.get("returner").getAs("rfm_segment"));
    assertEquals(-25.0, (double) returner.getAs("monetary_total"), 1e-9, "the money given back is still net revenue");

    Row buyer = rows.get("buyer");
    assertEquals(1L, (long) buyer.getAs("orders"), "neither the return order nor the fully returned order is a purchase");
    assertEquals(1L, (long) buyer.getAs("purchase_days"));
    assertEquals(LocalDate.parse("2024-02-01"), ((java.sql.Date) buyer.getAs("last_order_date")).toLocalDate(),
        "recency runs from the last purchase, not the last return");
    assertEquals(25.0, (double) buyer.getAs("monetary_total"), 1e-9);
    assertEquals("active", segments.get("buyer").getAs("lifecycle_stage"), "150 days since the last purchase");
  }
}
