package io.crm.analytics.churn;

import io.crm.analytics.Warehouses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.analytics.SharedSpark;
import io.crm.analytics.SilverFixture;
import io.crm.analytics.clv.ClvParams;
import io.crm.analytics.clv.ClvStep;
import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training and nightly scoring on simulated customers whose churn depends on satisfaction and returns. */
class ChurnTrainingTest {
  @TempDir Path dir;

  /** 1,500 simulated customers in silver, and training over them with the given parameters. */
  private record Setup(Snapshots gold, ChurnFeatures features, ChurnModelStore store, ChurnTraining training) {}

  private Setup setup(ChurnParams params) {
    SparkSession spark = SharedSpark.get();
    String root = SimulatedCustomerBase.add(SilverFixture.silver(), 1500, 7L).writeTo(spark, dir.resolve("silver"));
    SilverTables silver = new SilverTables(spark, Warehouses.forLayer(root));
    Snapshots gold = new Snapshots(spark, Warehouses.forLayer(dir.resolve("gold").toString()));
    ChurnFeatures features = new ChurnFeatures(silver, new CustomerFeatures(spark, silver, gold),
        new ClvStep(spark, silver, gold, ClvParams.defaults()), params.activeDays());
    ChurnModelStore store = new ChurnModelStore(Warehouses.forLayer(dir.resolve("gold").toString()));
    return new Setup(gold, features, store, new ChurnTraining(spark, silver, gold, features, store, params));
  }

  @Test
  void modelBeatsThePAliveBaselineAndScoringUsesTheStoredModel() {
    SparkSession spark = SharedSpark.get();
    ChurnParams params = ChurnParams.defaults();
    Setup t = setup(params);
    Snapshots gold = t.gold();
    ChurnFeatures features = t.features();
    ChurnModelStore store = t.store();
    ChurnTraining training = t.training();

    ChurnTraining.Result trained = training.run(SimulatedCustomerBase.AS_OF);
    assertEquals(SimulatedCustomerBase.CUTOFF, trained.cutoff());
    assertTrue(trained.positives() > 100 && trained.positives() < trained.rows() - 100,
        trained.positives() + " churners of " + trained.rows());
    double auc = trained.crossValidation().chosenResult().auc().mean();
    double baseline = trained.baseline().rocAuc();
    assertEquals(trained.rows(), trained.baseline().rows(), "every trained customer has a P(alive)");
    assertTrue(baseline > 0.5, "P(alive) alone carries some signal here: " + baseline);
    assertTrue(auc > baseline + 0.05, "model AUC " + auc + " vs P(alive)-only " + baseline);
    assertTrue(trained.importance().stream().limit(8).anyMatch(f -> f.feature().startsWith("last_csat")
            || f.feature().startsWith("return") || f.feature().startsWith("orders_with_returns") || f.feature().startsWith("avg_csat")),
        "satisfaction or returns among the top features: " + trained.importance());

    assertEquals(Optional.of(SimulatedCustomerBase.AS_OF), store.latest(SimulatedCustomerBase.AS_OF));
    String metadata = store.metadata(SimulatedCustomerBase.AS_OF);
    assertTrue(metadata.contains("\"version\":\"" + trained.version() + "\""), metadata);
    assertTrue(metadata.contains("\"input_features\":[\"recency_days\""), metadata);
    List<Row> metrics = gold.read(ChurnTraining.METRICS_TABLE, SimulatedCustomerBase.AS_OF).collectAsList();
    assertEquals(1, metrics.size());
    assertEquals(auc, metrics.get(0).getDouble(metrics.get(0).fieldIndex("roc_auc")), 1e-12);
    assertEquals(baseline, metrics.get(0).getDouble(metrics.get(0).fieldIndex("baseline_roc_auc")), 1e-12);

    ChurnScoring scoring = new ChurnScoring(spark, gold, features, store, training, params);
    ChurnScoring.Result scored = scoring.run(SimulatedCustomerBase.AS_OF);
    assertNull(scored.retrained(), "a model of the same day is reused, not retrained");
    assertEquals(trained.version(), scored.modelVersion());
    long population = features.active(SimulatedCustomerBase.AS_OF).count();
    assertEquals(population, scored.customers());
    assertEquals(population, scored.bands().values().stream().mapToLong(Long::longValue).sum());
    List<Row> rows = gold.read(ChurnScoring.TABLE, SimulatedCustomerBase.AS_OF).collectAsList();
    assertEquals(population, rows.size());
    for (Row r : rows) {
      double p = r.getDouble(r.fieldIndex("churn_probability"));
      assertTrue(p >= 0 && p <= 1, "probability " + p);
      assertEquals(params.riskBand(p), r.getString(r.fieldIndex("risk_band")));
      assertEquals(trained.version(), r.getString(r.fieldIndex("model_version")));
    }
  }

  @Test
  void moreCustomersThanCvMaxRowsAreCrossValidatedOnASampleAndFittedOnAll() {
    Setup t = setup(ChurnParams.fromMap(java.util.Map.of("cv_max_rows", ChurnParams.MIN_CV_ROWS)));
    ChurnModelStore store = t.store();

    ChurnTraining.Result trained = t.training().run(SimulatedCustomerBase.AS_OF);
    CrossValidationResult cv = trained.crossValidation();
    assertTrue(trained.rows() > ChurnParams.MIN_CV_ROWS, trained.rows() + " customers, more than the sample");
    assertEquals(ChurnParams.MIN_CV_ROWS, cv.rows());
    assertEquals(Math.round((double) ChurnParams.MIN_CV_ROWS * trained.positives() / trained.rows()), cv.positives(),
        "the sample keeps the share of churners");
    assertTrue(trained.notes().stream().anyMatch(n -> n.contains("stratified sample of 1,000 of the")), trained.notes().toString());
    double auc = cv.chosenResult().auc().mean();
    assertTrue(auc > trained.baseline().rocAuc() + 0.05, "model AUC " + auc + " vs P(alive)-only " + trained.baseline().rocAuc());
    assertTrue(store.metadata(SimulatedCustomerBase.AS_OF).contains("\"rows\":" + trained.rows()),
        "the stored model counts every customer it was fitted on");
  }
}
