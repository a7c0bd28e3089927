package io.crm.analytics.cubes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.analytics.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class FirstOccurrenceFlagsTest {
  private static final StructType LINES = StructType.fromDDL("order_id STRING, channel STRING, category STRING");

  /** Order lines as (order, channel, category) triples. */
  private static Dataset<Row> lines(String... triples) {
    SparkSession spark = SharedSpark.get();
    List<Row> rows = new ArrayList<>();
    for (String t : triples) {
      String[] p = t.split(",", -1);
      rows.add(RowFactory.create(p[0].isEmpty() ? null : p[0], p[1], p[2]));
    }
    return spark.createDataFrame(rows, LINES);
  }

  @Test
  void sumsOfTheFlagsAreDistinctCountsPerCell() {
    Dataset<Row> facts = lines("o1,web,books", "o1,web,toys", "o1,web,toys", "o2,shop,toys", "o3,web,books", ",web,books");
    Dataset<Row> flagged = new FirstOccurrenceFlags("test", "order_id", List.of("category"))
        .addTo(facts, List.of("channel", "category"), List.of(List.of(), List.of("category")));
    flagged.createOrReplaceTempView("flagged");
    SparkSession spark = SharedSpark.get();
    for (String by : List.of("channel", "category", "channel, category")) {
      String ours = "SELECT " + by + ", SUM(" + FirstOccurrenceFlags.column("order_id", by.contains("category") ? List.of("category") : List.of())
          + ") AS n FROM flagged GROUP BY " + by + " ORDER BY " + by;
      String distinct = "SELECT " + by + ", COUNT(DISTINCT order_id) AS n FROM flagged GROUP BY " + by + " ORDER BY " + by;
      assertEquals(spark.sql(distinct).collectAsList(), spark.sql(ours).collectAsList(), by);
    }
    long total = spark.sql("SELECT SUM(_first_order_id) FROM flagged").first().getLong(0);
    assertEquals(3, total, "three orders; the line without an order counts for none");
  }

  @Test
  void aLevelThatIsNotOneValuePerEntityStopsTheBuildAndNamesIt() {
    Dataset<Row> facts = lines("o1,web,books", "o1,shop,toys");
    Dataset<Row> flagged = new FirstOccurrenceFlags("test", "order_id", List.of("category"))
        .addTo(facts, List.of("channel", "category"), List.of(List.of()));
    SparkException e = assertThrows(SparkException.class, flagged::count);
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
      cause = cause.getCause();
    }
    assertTrue(cause.getMessage().contains("order_id 'o1' has rows with channel"), cause.getMessage());
    assertTrue(cause.getMessage().contains("distinct_spans.order_id in sql/cubes/test.yaml"), cause.getMessage());
  }
}
