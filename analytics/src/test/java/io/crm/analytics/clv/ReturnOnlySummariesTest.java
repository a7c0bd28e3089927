package io.crm.analytics.clv;

import static io.crm.analytics.SilverFixture.silver;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crm.analytics.SharedSpark;
import io.crm.analytics.Warehouses;
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

/** The CLV summary counts purchase days only: a day of returns is no repeat purchase. */
class ReturnOnlySummariesTest {
  private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

  @TempDir Path dir;

  @Test
  void returnDaysAreNoPurchaseDays() {
    SparkSession spark = SharedSpark.get();
    String root = silver()
        .customer("returner", "2024-01-01").returnOnly("returner", "2024-06-01", 25, "books")
        .customer("buyer", "2024-01-01")
        .order("buyer", "2024-02-01", 40, "books")
        .order("buyer", "2024-04-01", 20, "books")
        .returnOnly("buyer", "2024-06-20", 15, "books")
        .order("buyer", "2024-05-01", 0, 30, "returned", "toys")
        .writeTo(spark, dir.resolve("silver"));
    ClvStep step = new ClvStep(spark, new SilverTables(spark, Warehouses.forLayer(root)),
        new Snapshots(spark, Warehouses.forLayer(dir.resolve("gold").toString())), ClvParams.defaults());
    Map<String, Row> byId = new HashMap<>();
    step.summaries(AS_OF).collectAsList().forEach(r -> byId.put(r.getAs("customer_key"), r));

    assertEquals(1, byId.size(), "a customer with only returns is no buyer: " + byId.keySet());
    Row buyer = byId.get("buyer");
    assertEquals(1, (int) buyer.getAs("x"), "two purchase days: one repeat");
    assertEquals(LocalDate.parse("2024-04-01"), ((java.sql.Date) buyer.getAs("last_purchase_date")).toLocalDate());
  }
}
