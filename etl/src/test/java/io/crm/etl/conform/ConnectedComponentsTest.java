package io.crm.etl.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.etl.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

  private static Dataset<Row> edges(String... pairs) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      rows.add(RowFactory.create(pairs[i], pairs[i + 1]));
    }
    StructType schema = new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType);
    return SharedSpark.get().createDataFrame(rows, schema);
  }

  private static Map<String, String> labels(ConnectedComponents.Result r) {
    Map<String, String> out = new TreeMap<>();
    for (Row row : r.labels().collectAsList()) {
      out.put(row.getString(0), row.getString(1));
    }
    return out;
  }

  @Test
  void everyNodeGetsTheSmallestKeyOfItsComponent() {
    // a chain c:5 - e:x - c:3 - e:y - c:9, a pair c:7 - e:w and a lone e:z (self edge)
    ConnectedComponents.Result r =
        new ConnectedComponents(20).run(edges("c:5", "e:x", "e:x", "c:3", "c:3", "e:y", "e:y", "c:9", "c:7", "e:w", "e:z", "e:z"));
    Map<String, String> l = labels(r);
    assertEquals(8, l.size());
    for (String n : List.of("c:5", "e:x", "c:3", "e:y", "c:9")) {
      assertEquals("c:3", l.get(n), n);
    }
    assertEquals("c:7", l.get("c:7"));
    assertEquals("c:7", l.get("e:w"));
    assertEquals("e:z", l.get("e:z"));
    // the label has to travel from c:3 to c:9 (two hops), plus one round to see nothing move
    assertTrue(r.rounds() >= 3, "rounds " + r.rounds());
  }

  @Test
  void inMemoryUnionFindGivesTheLabelsOfThePropagation() {
    // a random forest of chains and stars over 300 nodes, with self edges and repeated edges
    java.util.Random random = new java.util.Random(7);
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String a = (random.nextBoolean() ? "c:" : "e:") + random.nextInt(300);
      String b = random.nextInt(10) == 0 ? a : (random.nextBoolean() ? "c:" : "e:") + random.nextInt(300);
      pairs.add(a);
      pairs.add(b);
    }
    Dataset<Row> graph = edges(pairs.toArray(new String[0]));
    ConnectedComponents.Result spark = new ConnectedComponents(100).run(graph);
    ConnectedComponents.Result memory = new ConnectedComponents(100, 1_000).run(graph);
    assertEquals(0, memory.rounds());
    assertTrue(spark.rounds() > 1, "rounds " + spark.rounds());
    Map<String, String> expected = labels(spark);
    assertTrue(expected.size() > 250, "nodes " + expected.size());
    assertTrue(new java.util.HashSet<>(expected.values()).size() > 10, "components");
    assertEquals(expected, labels(memory));
    // more edges than the limit: propagation in Spark again
    assertTrue(new ConnectedComponents(100, 10).run(graph).rounds() > 1);
  }

  @Test
  void aGraphThatDoesNotSettleInTimeIsAnErrorNotAPartialResult() {
    Dataset<Row> chain = edges("n1", "n2", "n2", "n3", "n3", "n4", "n4", "n5", "n5", "n6");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ConnectedComponents(2).run(chain));
    assertTrue(e.getMessage().contains("2 label-propagation rounds"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ConnectedComponents(0));
    assertThrows(IllegalArgumentException.class, () -> new ConnectedComponents(1, -1));
  }
}
