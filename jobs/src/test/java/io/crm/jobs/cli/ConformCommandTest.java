package io.crm.jobs.cli;

import io.crm.warehouse.Warehouse;
import org.apache.hadoop.conf.Configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformCommandTest {
  @TempDir Path home;


  private void config(String sources) throws Exception {
    Files.writeString(home.resolve("crm.yaml"), "timezone: Europe/Berlin\nsources:\n" + sources);
  }

  @Test
  void missingBronzeIsAUserError() throws Exception {
    config("  transactions: {kind: transactions, format: csv, path: landing/t/*.csv}\n");
    CrmRun r = CrmRun.of("conform", "--home", home.toString());
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("crm ingest"), r.err());
  }

  @Test
  void unknownSourceKindNamesTheSourceAndTheValue() throws Exception {
    config("  orders: {kind: invoices, format: csv, path: landing/o/*.csv}\n");
    Files.createDirectories(home.resolve("warehouse/bronze"));
    CrmRun r = CrmRun.of("conform", "--home", home.toString());
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("sources.orders") && r.err().contains("'invoices'"), r.err());
  }

  /** Two order lines of the source `shop`, ingested on 2024-05-03. */
  private void twoOrdersInBronze() throws Exception {
    config("  shop: {kind: transactions, format: csv, path: landing/t/*.csv}\n");
    SparkSession spark = io.crm.jobs.spark.SparkSessions.getOrCreate("conform-command-test");
    StructType schema =
        new StructType()
            .add("order_id", DataTypes.StringType).add("order_ts", DataTypes.TimestampType)
            .add("customer_id", DataTypes.StringType).add("email", DataTypes.StringType)
            .add("sku", DataTypes.StringType).add("quantity", DataTypes.IntegerType)
            .add("unit_price", DataTypes.createDecimalType(18, 4)).add("status", DataTypes.StringType)
            .add("_file", DataTypes.StringType).add("_line", DataTypes.LongType);
    List<Row> rows =
        List.of(
            RowFactory.create("O1", Timestamp.from(Instant.parse("2024-05-01T10:00:00Z")), "C1", "a@example.com", "A", 2, new java.math.BigDecimal("3.50"), "completed", "f.csv", 1L),
            RowFactory.create("O2", Timestamp.from(Instant.parse("2024-05-02T10:00:00Z")), null, "A@Example.com ", "B", 1, new java.math.BigDecimal("1.00"), "completed", "f.csv", 2L));
    spark.createDataFrame(rows, schema).write().parquet(home.resolve("warehouse/bronze/shop/ingest_date=2024-05-03").toString());
  }

  @Test
  void conformsBronzeAndReportsRowsAsJson() throws Exception {
    twoOrdersInBronze();
    CrmRun r = CrmRun.of("conform", "--home", home.toString(), "--json");
    assertEquals(ExitCode.OK, r.exit(), r.err());
    assertTrue(r.out().contains("\"orders\":2"), r.out());
    assertTrue(r.out().contains("\"customers\":1"), "the guest order is the same person by e-mail: " + r.out());
    String orders = Warehouse.open(home.resolve("warehouse").toString(), new Configuration()).silver("orders").orElseThrow();
    assertFalse(Files.exists(Path.of(orders, "order_date=2024-05-01")), "a folder per day: " + orders);
  }

  @Test
  void anIngestDateFilterThatWouldEmptySilverStopsUnlessForced() throws Exception {
    twoOrdersInBronze();
    assertEquals(ExitCode.OK, CrmRun.of("conform", "--home", home.toString()).exit());
    Warehouse before = Warehouse.open(home.resolve("warehouse").toString(), new Configuration());
    String orders = before.silver("orders").orElseThrow();

    CrmRun empty = CrmRun.of("conform", "--home", home.toString(), "--ingested-until", "2024-05-02");
    assertEquals(ExitCode.BAD_INPUT, empty.exit(), empty.err());
    assertTrue(empty.err().contains("orders (2 rows now)") && empty.err().contains("--force"), empty.err());
    Warehouse after = Warehouse.open(home.resolve("warehouse").toString(), new Configuration());
    assertEquals(orders, after.silver("orders").orElseThrow(), "nothing was published");

    CrmRun oldName = CrmRun.of("conform", "--home", home.toString(), "--as-of", "2024-05-02");
    assertEquals(ExitCode.BAD_INPUT, oldName.exit());
    assertTrue(oldName.err().contains("--ingested-until"), oldName.err());
    CrmRun badDate = CrmRun.of("conform", "--home", home.toString(), "--ingested-until", "2024-13-01");
    assertEquals(ExitCode.BAD_INPUT, badDate.exit());
    assertEquals(1, badDate.err().strip().lines().count(), badDate.err());
    assertTrue(badDate.err().contains("'2024-13-01'"), badDate.err());

    CrmRun forced = CrmRun.of("conform", "--home", home.toString(), "--ingested-until", "2024-05-02", "--force", "--json");
    assertEquals(ExitCode.OK, forced.exit(), forced.err());
    assertTrue(forced.out().contains("\"orders\":0"), forced.out());
  }
}
