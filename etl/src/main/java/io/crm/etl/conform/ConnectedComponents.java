package io.crm.etl.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Connected components of an undirected graph given as an edge DataFrame (string columns a, b),
 * by min-label propagation: every node starts with its own key as label and, each round, takes
 * the smallest label among itself and its neighbours, until a round changes nothing. The label
 * of a component is then its smallest node key. Rounds are bounded by the graph's diameter; each
 * round's labels are checkpointed locally so the query plan does not grow with the rounds. A
 * graph that has not settled after {@code maxRounds} is an error, never a silent partial result.
 *
 * <p>A graph of at most {@code inMemoryEdges} edges is solved on the driver instead, by
 * union-find over the collected edges, with the same labels: each propagation round is several
 * Spark jobs with their fixed costs, which for a shop's identity graph (about one edge per
 * customer) cost far more than holding the edges in memory.
 */
public final class ConnectedComponents {
  private final int maxRounds;
  private final int inMemoryEdges;

  /** Always propagates labels in Spark. */
  public ConnectedComponents(int maxRounds) {
    this(maxRounds, 0);
  }

  public ConnectedComponents(int maxRounds, int inMemoryEdges) {
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds must be at least 1, was " + maxRounds);
    }
    if (inMemoryEdges < 0) {
      throw new IllegalArgumentException("inMemoryEdges must not be negative, was " + inMemoryEdges);
    }
    this.maxRounds = maxRounds;
    this.inMemoryEdges = inMemoryEdges;
  }

  /** Labels: one row (node, label) per node of the edges; rounds: propagation rounds run (0: solved in memory). */
  public record Result(Dataset<Row> labels, int rounds) {}

  public Result run(Dataset<Row> edges) {
    Dataset<Row> e = edges.select(col("a"), col("b")).where(col("a").isNotNull().and(col("b").isNotNull()));
    if (inMemoryEdges > 0) {
      List<Row> few = e.distinct().limit(inMemoryEdges + 1).collectAsList();
      if (few.size() <= inMemoryEdges) {
        return new Result(inMemory(e.sparkSession(), few), 0);
      }
    }
    // both directions plus a self loop per node, so a node's own label takes part in the minimum
    Dataset<Row> adjacency =
        e.union(e.select(col("b").as("a"), col("a").as("b")))
            .union(e.select(col("a"), col("a").as("b")))
            .union(e.select(col("b").as("a"), col("b")))
            .distinct()
            .localCheckpoint();
    Dataset<Row> labels = adjacency.select(col("a").as("node")).distinct().withColumn("label", col("node")).localCheckpoint();
    for (int round = 1; round <= maxRounds; round++) {
      Dataset<Row> smallest =
          adjacency
              .join(labels, adjacency.col("a").equalTo(labels.col("node")))
              .groupBy(adjacency.col("b").as("node"))
              .agg(min(col("label")).as("label"));
      // one materialisation per round: the new labels together with whether they moved
      Dataset<Row> next =
          smallest
              .join(labels.withColumnRenamed("label", "previous"), "node")
              .select(col("node"), col("label"), col("label").notEqual(col("previous")).as("moved"))
              .localCheckpoint();
      long moved = next.where(col("moved")).count();
      labels = next.select(col("node"), col("label"));
      if (moved == 0) {
        return new Result(labels, round);
      }
    }
    throw new IllegalStateException(
        "identity graph did not settle within " + maxRounds + " label-propagation rounds (an unusually long chain of linked ids); raise the limit");
  }

  /** Union-find with path halving; each component's label is its smallest node key. */
  private static Dataset<Row> inMemory(SparkSession spark, List<Row> edges) {
    Map<String, String> parent = new HashMap<>();
    for (Row r : edges) {
      String a = root(parent, r.getString(0));
      String b = root(parent, r.getString(1));
      if (!a.equals(b)) {
        // the smaller key becomes the root, so every root is its component's smallest key
        if (a.compareTo(b) < 0) {
          parent.put(b, a);
        } else {
          parent.put(a, b);
        }
      }
    }
    List<Row> labels = new ArrayList<>(parent.size());
    for (String node : parent.keySet()) {
      labels.add(RowFactory.create(node, root(parent, node)));
    }
    StructType schema = new StructType().add("node", DataTypes.StringType, false).add("label", DataTypes.StringType, false);
    // not createDataFrame(List): a plan that holds millions of rows is walked row by row by every
    // analyser and optimiser rule of every query that reads it (the driver's largest cost in
    // identity resolution at a million customers); checkpointed, later plans only point at the rows
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(jsc.parallelize(labels, jsc.defaultParallelism()), schema).localCheckpoint();
  }

  private static String root(Map<String, String> parent, String node) {
    String p = parent.putIfAbsent(node, node);
    if (p == null) {
      return node;
    }
    String n = node;
    while (true) {
      String up = parent.get(n);
      if (up.equals(n)) {
        return n;
      }
      String grand = parent.get(up);
      parent.put(n, grand);
      n = grand;
    }
  }
}
