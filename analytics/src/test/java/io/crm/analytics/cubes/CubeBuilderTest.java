package io.crm.analytics.cubes;

import io.crm.analytics.Warehouses;

import static io.crm.analytics.SilverFixture.silver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.analytics.SharedSpark;
import io.crm.analytics.SilverFixture;
import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.segments.SegmentParams;
import io.crm.analytics.segments.Segmentation;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CubeBuilderTest {
  private static final LocalDate AS_OF = LocalDate.parse("2024-12-31");

  @TempDir static Path dir;
  private static CubeBuilder.Result result;

  /** Built once: the tests only read the cubes. */
  @BeforeAll
  static void buildCubes() {
    result = build(SharedSpark.get());
  }

  private static SilverFixture shop() {
    SilverFixture f = silver();
    String[] categories = {"books", "toys", "music"};
    for (int i = 0; i < 12; i++) {
      String id = "c" + i;
      f.customer(id, "2023-06-01");
      for (int o = 0; o <= i % 4; o++) {
        LocalDate day = LocalDate.parse("2024-01-03").plusDays(31L * o + 9L * i);
        f.order(id, day.toString(), 20 + 5 * i, o == 1 ? 7 : 0, o == 1 ? "returned" : "completed", categories[(i + o) % 3]);
      }
      f.session(id, LocalDate.parse("2024-02-01").plusDays(i).toString(), 1 + i % 3, i % 2 == 0);
      f.survey(id, LocalDate.parse("2024-03-01").plusDays(20L * i).toString(), 1 + i % 5, i % 11);
    }
    return f.order("c3", "2024-11-11", 500, 0, "cancelled", "books") // cancelled: in no cube
        .order("c4", "2025-01-05", 80, "books") // after the cube's date
        .basket("c5", "2024-05-05", "books", "toys", "music") // one order in three categories
        .basket("c5", "2024-05-06", "toys", "toys")
        .basket(null, "2024-06-06", "toys", "books") // a guest: an order, no customer
        .botSession("2024-02-03");
  }

  private static CubeBuilder.Result build(SparkSession spark) {
    String root = shop().writeTo(spark, dir.resolve("silver"));
    SilverTables silver = new SilverTables(spark, Warehouses.forLayer(root));
    Snapshots gold = new Snapshots(spark, Warehouses.forLayer(dir.resolve("gold").toString()));
    new CustomerFeatures(spark, silver, gold).run(AS_OF);
    new Segmentation(gold, SegmentParams.defaults()).run(AS_OF);
    return new CubeBuilder(spark, silver, gold).run(AS_OF, CubeDefinition.all());
  }

  /**
   * Every cell of every grouping set equals a plain GROUP BY over the same facts, computed by a
   * second engine (DuckDB) from the facts written to Parquet, and there are no other cells.
   */
  @Test
  void everyCellEqualsAPlainGroupByOverTheFacts() throws Exception {
    SparkSession spark = SharedSpark.get();
    assertEquals(List.of("sales", "web", "customers", "satisfaction"), result.cubes().stream().map(CubeBuilder.Built::cube).toList());
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      for (CubeDefinition cube : CubeDefinition.all()) {
        CubeBuilder.Built built = result.cubes().stream().filter(b -> b.cube().equals(cube.name())).findFirst().orElseThrow();
        Path facts = dir.resolve("facts-" + cube.name());
        spark.sql(cube.factsSql(), Map.of("as_of", AS_OF)).write().parquet(facts.toString());
        List<Row> cells = spark.read().parquet(built.path()).collectAsList();
        long checked = 0;
        for (List<String> set : cube.groupingSets()) {
          String key = CubeDefinition.key(set);
          Map<List<String>, Row> cubeRows = new HashMap<>();
          for (Row r : cells) {
            if (key.equals(r.getAs("grouping_set"))) {
              cubeRows.put(set.stream().map(l -> (String) r.getAs(l)).toList(), r);
              for (String level : cube.levels()) {
                assertTrue(set.contains(level) || r.isNullAt(r.fieldIndex(level)), cube.name() + " " + key + ": " + level + " not rolled up");
              }
            }
          }
          StringBuilder sql = new StringBuilder("SELECT ");
          set.forEach(l -> sql.append("CAST(").append(l).append(" AS VARCHAR) AS ").append(l).append(", "));
          cube.measures().forEach((name, expr) -> sql.append(expr).append(" AS ").append(name).append(", "));
          sql.setLength(sql.length() - 2);
          sql.append(" FROM read_parquet('").append(facts).append("/*.parquet')");
          sql.append(set.isEmpty() ? "" : " GROUP BY " + String.join(", ", set));
          int rows = 0;
          try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            while (rs.next()) {
              rows++;
              List<String> coordinates = new java.util.ArrayList<>();
              for (String l : set) {
                coordinates.add(rs.getString(l));
              }
              Row c = cubeRows.get(coordinates);
              assertTrue(c != null, cube.name() + " " + key + ": no cell " + coordinates);
              for (String m : cube.measures().keySet()) {
                Object expected = rs.getObject(m);
                assertTrue(sameNumber(expected, c.getAs(m)), cube.name() + " " + key + " " + coordinates + " " + m + ": " + expected + " vs " + c.getAs(m));
              }
            }
          }
          assertEquals(rows, cubeRows.size(), cube.name() + " " + key + ": number of cells");
          checked += rows;
        }
        assertEquals(checked, built.cells(), cube.name() + ": cells outside the grouping sets");
      }
    }
  }

  @Test
  void grandTotalsReconcileWithTheSilverTables() {
    SparkSession spark = SharedSpark.get();
    Row sales = total(spark, result, "sales");
    new SilverTables(spark, Warehouses.forLayer(dir.resolve("silver").toString())).registerViews("orders", "order_lines");
    Row silverSales = spark.sql(
        "SELECT SUM(l.line_amount) AS net, COUNT(DISTINCT l.order_id) AS orders, COUNT(DISTINCT l.customer_key) AS customers "
            + "FROM order_lines l JOIN orders o ON o.order_id = l.order_id "
            + "WHERE o.status <> 'cancelled' AND l.order_date <= DATE'2024-12-31'").first();
    assertEquals(silverSales.getDouble(0), (double) sales.getAs("net_revenue"), 1e-6);
    assertEquals(33L, silverSales.getLong(1), "30 orders of c0..c11, two baskets of c5 and a guest's");
    assertEquals(silverSales.getLong(1), (long) sales.getAs("orders"));
    assertEquals(silverSales.getLong(2), (long) sales.getAs("customers"));
    // customers c1, c2, c3, c5, c6, c7, c9, c10, c11 each returned 7 on their second order
    assertEquals(63.0, (double) sales.getAs("returned_amount"), 1e-9);

    Row web = total(spark, result, "web");
    assertEquals(12L, (long) web.getAs("sessions"), "bot sessions excluded");
    Row customers = total(spark, result, "customers");
    assertEquals(12L, (long) customers.getAs("customers"));
    Row satisfaction = total(spark, result, "satisfaction");
    assertEquals(12L, (long) satisfaction.getAs("responses"));
  }

  @Test
  void hierarchiesLimitTheGroupingSets() {
    CubeDefinition sales = CubeDefinition.named("sales");
    List<List<String>> sets = sales.groupingSets();
    assertTrue(sets.contains(List.of("year", "quarter", "month", "day")));
    assertTrue(sets.contains(List.of("year", "quarter", "month", "country")));
    assertFalse(sets.contains(List.of("year", "quarter", "month", "day", "country")), "days are not combined");
    assertFalse(sets.contains(List.of("quarter")), "a level never appears without its parents");
    assertTrue(sets.stream().allMatch(s -> s.stream().map(l -> sales.hierarchyOf(l).name()).distinct().count() <= 2));
    assertTrue(sets.size() < 1 << sales.levels().size());
    assertEquals(sets.size(), sets.stream().distinct().count());
  }

  private static boolean sameNumber(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Math.abs(((Number) a).doubleValue() - ((Number) b).doubleValue()) <= 1e-9 * Math.max(1, Math.abs(((Number) a).doubleValue()));
  }

  private static Row total(SparkSession spark, CubeBuilder.Result result, String cube) {
    String path = result.cubes().stream().filter(b -> b.cube().equals(cube)).findFirst().orElseThrow().path();
    Dataset<Row> cells = spark.read().parquet(path);
    return cells.filter(cells.col("grouping_set").equalTo("(total)")).first();
  }
}
