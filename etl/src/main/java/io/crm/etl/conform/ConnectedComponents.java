package io.crm.etl.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of an undirected graph given as an edge DataFrame (string columns a, b),
 * by min-label propagation: every node starts with its own key as label and, each round, takes
 * the smallest label among itself and its neighbours, until a round changes nothing. The label
 * of a component is then its smallest node key. Rounds are bounded by the graph's diameter; each
 * round's labels are checkpointed locally so the query plan does not grow with the rounds. A
 * graph that has not settled after {@code maxRounds} is an error, never a silent partial result.
 */
public final class ConnectedComponents {
  private final int maxRounds;

  public ConnectedComponents(int maxRounds) {
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds must be at least 1, was " + maxRounds);
    }
    this.maxRounds = maxRounds;
  }

  /** Labels: one row (node, label) per node of the edges; rounds: propagation rounds run. */
  public record Result(Dataset<Row> labels, int rounds) {}

  public Result run(Dataset<Row> edges) {
    Dataset<Row> e = edges.select(col("a"), col("b")).where(col("a").isNotNull().and(col("b").isNotNull()));
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
}
