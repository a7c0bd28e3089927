package io.crm.analytics.clv;

import io.crm.analytics.Warehouses;

import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Benchmark (not a test): simulates {@code customers} buyers' orders into silver with Spark,
 * then times the CLV step: summaries in Spark, the fit on distinct triples, and scoring plus
 * publishing every customer. Also times the CDNOW fit from its silver orders.
 *
 * <p>Usage: {@code java -cp ... io.crm.analytics.clv.ClvBenchmark [customers] [workdir]}
 */
public final class ClvBenchmark {
  private static final LocalDate START = LocalDate.parse("2024-01-01");
  private static final LocalDate AS_OF = LocalDate.parse("2024-12-22");

  public static void main(String[] args) throws Exception {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("clv-bench");
    SparkSession spark = SparkSession.builder().appName("clv-benchmark").master("local[2]")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", "UTC").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1").getOrCreate();

    String cdnowSilver = CdnowSilverOrders.writeTo(spark, dir.resolve("cdnow/silver"));
    ClvParams params = ClvParams.defaults();
    ClvStep cdnow = new ClvStep(spark, new SilverTables(spark, Warehouses.forLayer(cdnowSilver)),
        new Snapshots(spark, Warehouses.forLayer(dir.resolve("cdnow/gold").toString())), params);
    cdnow.fit(LocalDate.parse("1997-09-30")); // warm-up
    ClvStep.Fit c = cdnow.fit(LocalDate.parse("1997-09-30"));
    report("CDNOW", c);

    int partitions = 8;
    int perPartition = customers / partitions;
    long t0 = System.nanoTime();
    Dataset<Row> orders = spark.range(0, partitions, 1, partitions).toDF().flatMap(
        (FlatMapFunction<Row, Row>) row -> {
          long part = row.getLong(0);
          return new SimulatedOrders(0.25, 4.0, 0.8, 2.5, 6.0, 4.0, 15.0, 1000 + part)
              .orders("p" + part + "-", perPartition, START, 84, AS_OF).iterator();
        }, Encoders.row(StructType.fromDDL(CdnowSilverOrders.ORDERS_DDL)));
    orders.write().mode(SaveMode.Overwrite).parquet(dir.resolve("big/silver/orders").toString());
    System.out.printf(Locale.ROOT, "simulated %,d customers' orders in %.1f s%n", (long) perPartition * partitions,
        (System.nanoTime() - t0) / 1e9);

    ClvStep big = new ClvStep(spark, new SilverTables(spark, Warehouses.forLayer(dir.resolve("big/silver").toString())),
        new Snapshots(spark, Warehouses.forLayer(dir.resolve("big/gold").toString())), params);
    long t1 = System.nanoTime();
    ClvStep.Result r = big.run(AS_OF);
    double total = (System.nanoTime() - t1) / 1e9;
    report("simulated", r.fit());
    System.out.printf(Locale.ROOT, "step total %.1f s for %,d customers (summaries %.1f s + fits %.1f s + scoring/publishing %.1f s)%n",
        total, r.customers(), r.fit().summarySeconds(), r.fit().purchases().seconds() + r.fit().spend().seconds(),
        total - r.fit().summarySeconds() - r.fit().purchases().seconds() - r.fit().spend().seconds());
    spark.stop();
  }

  private static void report(String name, ClvStep.Fit f) {
    System.out.printf(Locale.ROOT, "%s: %,d customers, %,d distinct triples, %,d spend pairs; summaries %.2f s, "
            + "%s fit %.2f s (%d evaluations, LL %.2f, params %s), gamma-gamma fit %.2f s (%s)%n",
        name, f.purchases().customers(), f.purchases().distinctTriples(), f.summaries().spend().size(),
        f.summarySeconds(), f.purchases().model().kind().id(), f.purchases().seconds(), f.purchases().evaluations(),
        f.purchases().logLikelihood(), f.purchases().model().params(), f.spend().seconds(), f.spend().model().params());
  }
}
