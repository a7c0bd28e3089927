package io.crm.analytics.churn;

import io.crm.analytics.Warehouses;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.crm.analytics.SilverFixture;
import io.crm.analytics.clv.ClvParams;
import io.crm.analytics.clv.ClvStep;
import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark (not a test): writes a workspace (crm.yaml + silver) of simulated customers (see
 * {@link SimulatedCustomerBase}) that `crm churn train|score` and `crm clv` can run on, trains and
 * scores once, then times distributed scoring of {@code scoringRows} feature rows (the trained
 * population's features replicated) with the broadcast model, written to Parquet.
 *
 * <p>Usage: {@code java -cp ... io.crm.analytics.churn.ChurnBenchmark [customers] [workspace] [scoringRows]}
 */
public final class ChurnBenchmark {
  public static void main(String[] args) throws Exception {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    Path home = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("churn-bench");
    long scoringRows = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
    SparkSession spark = SparkSession.builder().appName("churn-benchmark").master("local[2]")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", "UTC").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1").getOrCreate();
    Files.createDirectories(home);
    Files.writeString(home.resolve("crm.yaml"), "timezone: UTC\ncurrency: EUR\nsources: {}\n"
        + "clv: {model: bgnbd, unit: week, horizon: {amount: 52, unit: week}, discount_rate: {rate: 0.10, per: year}, margin: 0.3}\n"
        + "churn: {active_days: 365, horizon_days: 90, retrain_days: 7}\n");
    String silverRoot = SimulatedCustomerBase.add(SilverFixture.silver(), customers, 7L)
        .writeTo(spark, home.resolve("warehouse/silver"));
    System.out.printf("workspace %s: %,d simulated customers, as_of %s%n", home, customers, SimulatedCustomerBase.AS_OF);

    SilverTables silver = new SilverTables(spark, Warehouses.forLayer(silverRoot));
    Snapshots gold = new Snapshots(spark, Warehouses.forLayer(home.resolve("bench/gold").toString()));
    ChurnParams params = ChurnParams.defaults();
    ChurnFeatures features = new ChurnFeatures(silver, new CustomerFeatures(spark, silver, gold),
        new ClvStep(spark, silver, gold, ClvParams.defaults()), params.activeDays());
    ChurnModelStore store = new ChurnModelStore(Warehouses.forLayer(home.resolve("bench/gold").toString()));
    ChurnTraining training = new ChurnTraining(spark, silver, gold, features, store, params);
    ChurnTraining.Result trained = training.run(SimulatedCustomerBase.AS_OF);
    System.out.printf(Locale.ROOT, "trained %s on %,d rows in %.1f s: AUC %.4f vs P(alive) only %.4f%n", trained.version(),
        trained.rows(), trained.seconds(), trained.crossValidation().chosenResult().auc().mean(), trained.baseline().rocAuc());

    ChurnScoring scoring = new ChurnScoring(spark, gold, features, store, training, params);
    Dataset<Row> base = features.build(SimulatedCustomerBase.AS_OF, new ArrayList<>()).cache();
    long n = base.count();
    long copies = (scoringRows + n - 1) / n;
    Dataset<Row> many = base.crossJoin(spark.range(copies).withColumnRenamed("id", "copy"))
        .withColumn("customer_key", concat(col("customer_key"), lit("-"), col("copy").cast("string")))
        .drop("copy").limit((int) scoringRows).repartition(8).cache();
    long rows = many.count();
    long t0 = System.nanoTime();
    scoring.score(many, trained.model(), trained.version(), SimulatedCustomerBase.AS_OF)
        .write().mode(SaveMode.Overwrite).parquet(home.resolve("bench-scores").toString());
    System.out.printf(Locale.ROOT, "scored %,d customers (features given) with the broadcast %s model and wrote them in %.1f s%n",
        rows, trained.crossValidation().chosen(), (System.nanoTime() - t0) / 1e9);
    spark.stop();
  }
}
