package io.crm.etl.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Orders and order lines from transaction lines: amounts, returns, duplicates, late data. */
class OrdersBuilderTest {
  @TempDir static Path dir;
  static ConformRun run;
  static ConformResult result;

  @BeforeAll
  static void conform() {
    run = new ConformRun(dir);
    BronzeFixtures.transactions()
        // O1: two items, one discounted; one item comes back later as a negative line
        .line("O1", "2024-03-01T10:00:00Z").customer("C1").item("A", 2, "10.00").discount("2.00").country("Deutschland")
        .line("O1", "2024-03-01T10:00:00Z").customer("C1").item("B", 1, "5.00").country("DE")
        .line("O1", "2024-03-10T15:00:00Z").customer("C1").item("B", -1, "5.00").status("returned")
        // O2: the same line twice (an overlapping export)
        .line("O2", "2024-03-02T10:00:00Z").customer("C2").item("A", 1, "10.00")
        .file("export-2.csv")
        .line("O2", "2024-03-02T10:00:00Z").customer("C2").item("A", 1, "10.00")
        // O3: a source that marks the sold line as returned instead of sending a negative line
        .line("O3", "2024-03-03T10:00:00Z").customer("C3").item("C", 1, "8.00").status("returned")
        // O4: cancelled
        .line("O4", "2024-03-04T10:00:00Z").customer("C1").item("A", 1, "10.00").status("cancelled")
        // O5: only the line total is known (like CDNOW), late evening UTC = next day in Berlin
        .line("O5", "2024-03-31T22:30:00Z").customer("C2").amount("29.97").set("quantity", 3)
        .writeTo(run.bronze, "transactions", "2024-04-01");
    // a second transactions source of the same kind is read too
    BronzeFixtures.transactions()
        .line("E1", "2024-03-05T10:00:00Z").customer("C3").item("B", 4, "5.00")
        .writeTo(run.bronze, "shop_erp", "2024-04-01");
    result = run.run();
  }

  private static Row order(String id) {
    List<Row> r = run.rows("orders", "order_id = '" + id + "'");
    assertEquals(1, r.size(), id);
    return r.get(0);
  }

  private static void assertMoney(String expected, Object actual) {
    assertEquals(0, new BigDecimal(expected).compareTo((BigDecimal) actual), "expected " + expected + " but was " + actual);
  }

  @Test
  void orderAmountsFollowFromTheLines() {
    Row o1 = order("O1");
    assertMoney("25", o1.getAs("gross_amount"));
    assertMoney("2", o1.getAs("discount_amount"));
    assertMoney("5", o1.getAs("returned_amount"));
    assertMoney("18", o1.getAs("net_amount"));
    assertEquals("partially_returned", o1.getAs("status"));
    assertEquals(2, (int) o1.getAs("items"));
    assertEquals(3, (int) o1.getAs("units"));
    assertEquals("DE", o1.getAs("country"));
    List<Row> lines = run.rows("order_lines", "order_id = 'O1'", "line_number");
    assertEquals(3, lines.size());
    assertTrue((Boolean) lines.get(2).getAs("is_return"));
    assertEquals(-1, (int) lines.get(2).getAs("quantity"));
    assertMoney("-5", lines.get(2).getAs("line_amount"));
    // the return belongs to the order's day, not the day it came back
    assertEquals(Date.valueOf("2024-03-01"), lines.get(2).getAs("order_date"));
  }

  @Test
  void returnedAndCancelledOrders() {
    Row o3 = order("O3");
    assertEquals("returned", o3.getAs("status"));
    assertMoney("8", o3.getAs("gross_amount"));
    assertMoney("8", o3.getAs("returned_amount"));
    assertMoney("0", o3.getAs("net_amount"));
    List<Row> lines = run.rows("order_lines", "order_id = 'O3'", "line_number");
    assertEquals(2, lines.size(), "the sold line and the derived return line");
    assertTrue((Boolean) lines.get(1).getAs("is_derived_return"));
    Row o4 = order("O4");
    assertEquals("cancelled", o4.getAs("status"));
    assertMoney("0", o4.getAs("net_amount"));
    assertEquals(0, (int) o4.getAs("items"));
  }

  @Test
  void theSameLineArrivingTwiceIsKeptOnce() {
    assertEquals(1, run.rows("order_lines", "order_id = 'O2'").size());
    assertMoney("10", order("O2").getAs("net_amount"));
    assertEquals(1, result.duplicateOrderLines());
  }

  @Test
  void amountOnlyLinesGetAUnitPriceAndBusinessDate() {
    Row o5 = order("O5");
    assertMoney("29.97", o5.getAs("gross_amount"));
    assertEquals(Date.valueOf("2024-04-01"), o5.getAs("order_date"));
    assertMoney("9.99", run.rows("order_lines", "order_id = 'O5'").get(0).getAs("unit_price"));
  }

  @Test
  void factTablesAreDateSortedFilesNotAFolderPerDay() throws java.io.IOException {
    for (String table : List.of("orders", "order_lines")) {
      try (var entries = Files.list(run.tableFolder(table))) {
        List<Path> parquet = entries.filter(p -> p.toString().endsWith(".parquet")).toList();
        assertFalse(parquet.isEmpty(), table);
        for (Path file : parquet) {
          List<Date> days = new ArrayList<>();
          io.crm.etl.SharedSpark.get().read().parquet(file.toString()).select("order_date").collectAsList()
              .forEach(r -> days.add(r.getDate(0)));
          List<Date> sorted = new ArrayList<>(days);
          sorted.sort(null);
          assertEquals(sorted, days, table + ": " + file.getFileName() + " is not sorted by order_date");
        }
      }
      try (var entries = Files.list(run.tableFolder(table))) {
        assertTrue(entries.noneMatch(Files::isDirectory), table + " has sub-folders");
      }
    }
  }

  @Test
  void everyOrderReconcilesWithItsLines() {
    run.table("orders").createOrReplaceTempView("o");
    run.table("order_lines").createOrReplaceTempView("l");
    List<Row> bad =
        io.crm.etl.SharedSpark.get()
            .sql(
                "SELECT o.order_id, o.net_amount, s.lines_net FROM o JOIN ("
                    + " SELECT order_id, sum(CASE WHEN status <> 'cancelled' THEN line_amount ELSE 0 END) AS lines_net FROM l GROUP BY order_id) s"
                    + " ON s.order_id = o.order_id"
                    + " WHERE o.net_amount <> s.lines_net OR o.net_amount <> o.gross_amount - o.discount_amount - o.returned_amount")
            .collectAsList();
    assertEquals(List.of(), bad);
    assertEquals(6, run.table("orders").count(), "O1-O5 and E1 from the second source");
    assertEquals(result.silverRows().get("orders"), run.table("orders").count());
  }

  @Test
  void productsAreListedWithTheirFirstSale() {
    List<Row> products = run.rows("products", null, "sku");
    assertEquals(List.of("A", "B", "C"), products.stream().map(r -> r.<String>getAs("sku")).toList());
    assertEquals(java.sql.Timestamp.from(java.time.Instant.parse("2024-03-01T10:00:00Z")), products.get(0).getAs("first_sold_at"));
  }

  @Test
  void lateDataForAnEarlierDayLandsInThatDaysPartitionAndAsOfIgnoresLaterIngests() throws Exception {
    Path lateDir = dir.resolve("late");
    ConformRun late = new ConformRun(lateDir);
    BronzeFixtures.transactions()
        .line("L1", "2024-03-01T10:00:00Z").customer("C1").item("A", 1, "10.00")
        .writeTo(late.bronze, "transactions", "2024-03-02");
    late.run();
    assertEquals(1, late.rows("orders", "order_date = DATE'2024-03-01'").size());
    BronzeFixtures.transactions()
        .file("late.csv")
        .line("L2", "2024-03-01T11:00:00Z").customer("C9").item("B", 1, "5.00")
        .line("L3", "2024-03-05T11:00:00Z").customer("C9").item("B", 1, "5.00")
        .writeTo(late.bronze, "transactions", "2024-03-06");
    late.run();
    assertEquals(2, late.rows("orders", "order_date = DATE'2024-03-01'").size());
    assertEquals(1, late.rows("orders", "order_date = DATE'2024-03-05'").size());
    // as of the first ingest day, the late lines were not known yet
    ConformResult asOf = late.run(LocalDate.parse("2024-03-02"));
    assertEquals(1L, asOf.silverRows().get("orders"));
    assertFalse(Files.exists(late.dir.resolve("_tmp")) && Files.list(late.dir.resolve("_tmp")).findAny().isPresent(),
        "conform's scratch folder is removed after the run");
  }
}
