package io.crm.analytics.features;

import io.crm.analytics.Warehouses;

import static io.crm.analytics.SilverFixture.silver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.analytics.SharedSpark;
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

class CustomerFeaturesTest {
  private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

  @TempDir Path dir;

  private Map<String, Row> build(SparkSession spark, String silverRoot) {
    CustomerFeatures step =
        new CustomerFeatures(spark, new SilverTables(spark, Warehouses.forLayer(silverRoot)), new Snapshots(spark, Warehouses.forLayer(dir.resolve("gold").toString())));
    CustomerFeatures.Result result = step.run(AS_OF);
    Map<String, Row> byId = new HashMap<>();
    for (Row r : spark.read().parquet(result.path()).collectAsList()) {
      byId.put(r.getAs("customer_key"), r);
    }
    assertEquals(result.customers(), byId.size());
    return byId;
  }

  @Test
  void computesRecencyFrequencyMonetaryAndGapsFromOrdersUpToTheDate() {
    SparkSession spark = SharedSpark.get();
    String root =
        silver()
            .customer("alice", "2024-01-01")
            .order("alice", "2024-01-10", 100, "books")
            .order("alice", "2024-01-10", 20, "music") // same day: one purchase day, two orders
            .order("alice", "2024-03-10", 50, 10, "returned", "books")
            .order("alice", "2024-06-20", 30, "toys")
            .order("alice", "2024-07-05", 999, "books") // after as_of: must not count
            .order("alice", "2024-05-01", 500, 0, "cancelled", "books") // cancelled: not a purchase
            .writeTo(spark, dir.resolve("silver"));
    Row alice = build(spark, root).get("alice");

    assertEquals(10, (int) alice.getAs("recency_days"));
    assertEquals(4L, (long) alice.getAs("orders"));
    assertEquals(3L, (long) alice.getAs("purchase_days"));
    assertEquals(200.0, (double) alice.getAs("monetary_total"), 1e-9);
    assertEquals(50.0, (double) alice.getAs("monetary_avg"), 1e-9);
    assertEquals(10.0, (double) alice.getAs("returned_amount"), 1e-9);
    assertEquals(1L, (long) alice.getAs("orders_with_returns"));
    assertEquals(3L, (long) alice.getAs("categories_bought"));
    // gaps between purchase days: Jan 10 -> Mar 10 = 60, Mar 10 -> Jun 20 = 102
    assertEquals(81.0, (double) alice.getAs("ipt_mean_days"), 1e-9);
    assertEquals(102, (int) alice.getAs("ipt_max_days"));
    assertEquals(102, (int) alice.getAs("last_gap_days"));
    assertEquals(181, (int) alice.getAs("tenure_days"));
  }

  @Test
  void usesOnlyWebSurveyAndConsentDataKnownOnTheDate() {
    SparkSession spark = SharedSpark.get();
    String root =
        silver()
            .customer("bob", "2024-02-01")
            .order("bob", "2024-02-02", 40, "books")
            .session("bob", "2024-06-15", 5, false)
            .session("bob", "2024-05-01", 3, true)
            .session("bob", "2024-07-02", 9, true) // future session
            .survey("bob", "2024-03-01", 2, 3)
            .survey("bob", "2024-06-01", 5, 9)
            .survey("bob", "2024-07-01", 1, 0) // future survey
            .consent("bob", "2024-02-01", true)
            .consent("bob", "2024-07-01", false) // future opt-out
            .customer("carol", "2024-06-01") // a prospect: no purchase yet
            .customer("dave", "2024-08-01") // not known yet on as_of
            .writeTo(spark, dir.resolve("silver"));
    Map<String, Row> rows = build(spark, root);
    Row bob = rows.get("bob");

    assertEquals(2L, (long) bob.getAs("sessions"));
    assertEquals(1L, (long) bob.getAs("sessions_30d"));
    assertEquals(8L, (long) bob.getAs("page_views"));
    assertEquals(1L, (long) bob.getAs("converted_sessions"));
    assertEquals(5, (int) bob.getAs("last_csat"));
    assertEquals(9, (int) bob.getAs("last_nps"));
    assertEquals(3.5, (double) bob.getAs("avg_csat"), 1e-9);
    assertTrue((boolean) bob.getAs("is_newsletter_opt_in"));

    Row carol = rows.get("carol");
    assertEquals(0L, (long) carol.getAs("orders"));
    assertTrue(carol.isNullAt(carol.fieldIndex("recency_days")));
    assertFalse(rows.containsKey("dave"));
  }
}
