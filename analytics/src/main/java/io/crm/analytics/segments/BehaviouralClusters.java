package io.crm.analytics.segments;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Behavioural clusters of buyers: k-means (Smile) on standardised, log-damped behaviour. The model
 * is fitted on a deterministic sample collected to the driver; every customer is then assigned in
 * Spark by a plain column expression (nearest centre), so assignment scales with the cluster.
 * k is fixed in the config or chosen by the mean silhouette over a range.
 */
final class BehaviouralClusters {
  /** Feature name, whether it is log-damped, and the words for a low and a high value. */
  record Dimension(String column, boolean log, String low, String high) {}

  static final List<Dimension> DIMENSIONS =
      List.of(
          new Dimension("recency_days", true, "recent buyers", "long inactive"),
          new Dimension("purchase_days", true, "one-off buyers", "frequent buyers"),
          new Dimension("monetary_total", true, "low spend", "high spend"),
          new Dimension("tenure_days", true, "new customers", "long-standing"),
          new Dimension("sessions", true, "rarely online", "web-active"),
          new Dimension("categories_bought", false, "narrow basket", "broad basket"));

  private static final int FIT_SAMPLE = 50_000;
  private static final int SILHOUETTE_SAMPLE = 2_000;
  private static final int MAX_ITER = 100;

  /** A fitted model: standardisation, centres in standard units, and a label per cluster. */
  record Model(double[] mean, double[] sd, double[][] centres, List<String> labels, double silhouette) {
    int k() {
      return centres.length;
    }
  }

  private BehaviouralClusters() {}

  static Model fit(Dataset<Row> buyers, SegmentParams p) {
    List<Column> inputs = new ArrayList<>();
    List<Column> aggs = new ArrayList<>();
    for (Dimension d : DIMENSIONS) {
      Column x = input(d);
      inputs.add(x.alias(d.column()));
      aggs.add(avg(x));
      aggs.add(stddev_pop(x));
    }
    Row stats = buyers.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    int n = DIMENSIONS.size();
    double[] mean = new double[n];
    double[] sd = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = stats.isNullAt(2 * i) ? 0 : stats.getDouble(2 * i);
      double s = stats.isNullAt(2 * i + 1) ? 0 : stats.getDouble(2 * i + 1);
      sd[i] = s > 1e-12 ? s : 1.0;
    }
    List<Row> sample =
        buyers
            .withColumn("_order", hash(col("customer_key"), lit(p.seed())))
            .select(withOrder(inputs))
            .orderBy("_order")
            .limit(FIT_SAMPLE)
            .drop("_order")
            .collectAsList();
    double[][] data = new double[sample.size()][n];
    for (int r = 0; r < data.length; r++) {
      for (int i = 0; i < n; i++) {
        data[r][i] = (sample.get(r).getDouble(i) - mean[i]) / sd[i];
      }
    }
    int kMax = Math.min(p.clustersMaxK(), Math.max(2, data.length / 10));
    if (data.length < 20 || kMax < 2) {
      return null;
    }
    double[][] silhouetteSample = subsample(data, SILHOUETTE_SAMPLE, p.seed());
    KMeans best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int from = p.clustersK() > 0 ? p.clustersK() : Math.min(p.clustersMinK(), kMax);
    int to = p.clustersK() > 0 ? p.clustersK() : kMax;
    for (int k = from; k <= to; k++) {
      MathEx.setSeed(p.seed() + k);
      KMeans km = KMeans.fit(data, k, MAX_ITER, 1e-4);
      double score = Silhouette.mean(silhouetteSample, km.centroids);
      if (score > bestScore) {
        best = km;
        bestScore = score;
      }
    }
    return new Model(mean, sd, best.centroids, describe(best.centroids), bestScore);
  }

  /** Adds {@code cluster} (0..k-1) and {@code cluster_label}; null for customers without purchase. */
  static Dataset<Row> assign(Dataset<Row> customers, Model model) {
    if (model == null) {
      return customers
          .withColumn("cluster", lit(null).cast("int"))
          .withColumn("cluster_label", lit(null).cast("string"));
    }
    int n = DIMENSIONS.size();
    Column[] distance = new Column[model.k()];
    for (int c = 0; c < model.k(); c++) {
      Column d = lit(0.0);
      for (int i = 0; i < n; i++) {
        Column z = input(DIMENSIONS.get(i)).minus(model.mean()[i]).divide(model.sd()[i]);
        Column diff = z.minus(model.centres()[c][i]);
        d = d.plus(diff.multiply(diff));
      }
      distance[c] = d;
    }
    Dataset<Row> withDist = customers;
    for (int c = 0; c < model.k(); c++) {
      withDist = withDist.withColumn("_d" + c, distance[c]);
    }
    Column nearest = lit(0);
    Column nearestDist = col("_d0");
    for (int c = 1; c < model.k(); c++) {
      nearest = when(col("_d" + c).lt(nearestDist), lit(c)).otherwise(nearest);
      nearestDist = when(col("_d" + c).lt(nearestDist), col("_d" + c)).otherwise(nearestDist);
    }
    Column label = lit(null).cast("string");
    for (int c = model.k() - 1; c >= 0; c--) {
      label = when(col("cluster").equalTo(c), model.labels().get(c)).otherwise(label);
    }
    Dataset<Row> out =
        withDist
            .withColumn("cluster", when(col("orders").gt(0), nearest).cast("int"))
            .withColumn("cluster_label", label);
    for (int c = 0; c < model.k(); c++) {
      out = out.drop("_d" + c);
    }
    return out;
  }

  private static Column[] withOrder(List<Column> inputs) {
    List<Column> all = new ArrayList<>(inputs);
    all.add(col("_order"));
    return all.toArray(new Column[0]);
  }

  private static Column input(Dimension d) {
    Column raw = when(col(d.column()).isNull(), lit(0.0)).otherwise(col(d.column()).cast("double"));
    return d.log() ? log1p(when(raw.lt(0), lit(0.0)).otherwise(raw)) : raw;
  }

  /** Each centre in words: the up to three dimensions furthest from average (|z| > 0.5). */
  static List<String> describe(double[][] centres) {
    List<String> labels = new ArrayList<>();
    for (double[] centre : centres) {
      Integer[] order = new Integer[centre.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(centre[b]), Math.abs(centre[a])));
      List<String> words = new ArrayList<>();
      for (int j = 0; j < order.length && words.size() < 3; j++) {
        int i = order[j];
        if (Math.abs(centre[i]) > 0.5) {
          Dimension d = DIMENSIONS.get(i);
          words.add(centre[i] > 0 ? d.high() : d.low());
        }
      }
      labels.add(words.isEmpty() ? "average customers" : String.join(", ", words));
    }
    return labels;
  }

  private static double[][] subsample(double[][] data, int size, long seed) {
    if (data.length <= size) {
      return data;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] out = new double[size][];
    for (int i = 0; i < size; i++) {
      out[i] = data[rnd.nextInt(data.length)];
    }
    return out;
  }
}
