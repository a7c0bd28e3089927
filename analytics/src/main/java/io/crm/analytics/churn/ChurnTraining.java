package io.crm.analytics.churn;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.crm.analytics.warehouse.Purchases;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Trains the nightly churn model as of a date. Label (non-contractual buyers): with the cutoff
 * H = horizon_days before as_of, a customer who bought in the W = active_days up to the cutoff
 * is a churner (1) when they make no purchase ({@link Purchases}) in (cutoff, as_of]. The features are
 * {@link ChurnFeatures} at the cutoff (data up to the cutoff only). The learners of
 * {@link ChurnLearners} are cross-validated on the same stratified folds (of a stratified sample of
 * {@code churn.cv_max_rows} customers when there are more), the best mean ROC AUC wins and is
 * refitted on all rows. The P(alive)-only baseline scores 1 − P(alive) on the same
 * rows (it fits nothing, so it needs no folds). The model and its metadata go to
 * {@link ChurnModelStore}; one metrics row per as_of to gold {@code churn_model_metrics}.
 */
public final class ChurnTraining {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String METRICS_TABLE = "churn_model_metrics";
  private static final int TOP_FEATURES = 15;

  static final StructType METRICS_SCHEMA = StructType.fromDDL(
      "as_of_date date, cutoff_date date, model_version string, learner string, learner_description string, "
          + "rows int, positives int, folds int, roc_auc double, roc_auc_sd double, pr_auc double, lift_top_decile double, "
          + "brier double, baseline_roc_auc double, baseline_pr_auc double, baseline_lift_top_decile double, "
          + "baseline_brier double, learners map<string,double>, calibration_upper array<double>, calibration_rows array<int>, "
          + "calibration_predicted array<double>, calibration_observed array<double>, feature_importance map<string,double>, "
          + "notes array<string>, train_seconds double, trained_at timestamp");

  private final SparkSession spark;
  private final SilverTables silver;
  private final Snapshots gold;
  private final ChurnFeatures features;
  private final ChurnModelStore store;
  private final ChurnParams params;

  public ChurnTraining(SparkSession spark, SilverTables silver, Snapshots gold, ChurnFeatures features,
      ChurnModelStore store, ChurnParams params) {
    this.spark = spark;
    this.silver = silver;
    this.gold = gold;
    this.features = features;
    this.store = store;
    this.params = params;
  }

  public Result run(LocalDate asOf) {
    long started = System.nanoTime();
    LocalDate cutoff = asOf.minusDays(params.horizonDays());
    List<String> notes = new ArrayList<>();
    List<Row> rows = labelled(asOf, notes).orderBy("customer_key").collectAsList();
    int[] labels = new int[rows.size()];
    int positives = 0;
    for (int i = 0; i < labels.length; i++) {
      labels[i] = rows.get(i).getInt(rows.get(i).fieldIndex("churned"));
      positives += labels[i];
    }
    if (positives == 0 || positives == labels.length || positives < params.folds() || labels.length - positives < params.folds()) {
      throw new IllegalArgumentException("cannot train a churn model as of " + asOf + " (cutoff " + cutoff + "): "
          + labels.length + " customers active in the " + params.activeDays() + " days before the cutoff, " + positives
          + " of them churned; each class needs at least " + params.folds() + " (churn.folds) customers");
    }
    FeatureMatrix matrix = ChurnFeatures.matrix(rows);
    List<ChurnLearner> learners = ChurnLearners.defaults(params.seed());
    // the folds pick the learner and measure it; beyond about 100,000 customers more rows barely
    // narrow the metrics but multiply the fits, so they run on a stratified sample and only the
    // chosen learner sees every row
    int[] cvRows = StratifiedFolds.sample(labels, params.cvMaxRows(), params.seed());
    CrossValidation validation = new CrossValidation(new FeatureEncoder(), learners, params.folds(), params.seed());
    CrossValidationResult cv = cvRows.length == labels.length
        ? validation.run(matrix, labels)
        : validation.run(matrix.rows(cvRows), CrossValidation.select(labels, cvRows));
    if (cvRows.length < labels.length) {
      notes.add(String.format(Locale.ROOT, "cross-validated on a stratified sample of %,d of the %,d customers (churn.cv_max_rows);"
          + " the chosen learner is fitted on all of them", cvRows.length, labels.length));
    }
    ChurnLearner chosen = learners.stream().filter(l -> l.name().equals(cv.chosen())).findFirst().orElseThrow();
    TrainedChurnModel model = new ChurnTrainer(new FeatureEncoder(), chosen).fit(matrix, labels);
    Baseline baseline = baseline(matrix, labels, notes);
    String version = asOf + "/" + chosen.name();
    double seconds = (System.nanoTime() - started) / 1e9;
    CrossValidationResult.LearnerResult best = cv.chosenResult();
    List<TrainedChurnModel.FeatureImportance> importance = model.importance();
    importance = importance.subList(0, Math.min(TOP_FEATURES, importance.size()));
    Instant trainedAt = Instant.now();
    Result result = new Result(asOf, cutoff, version, cv, baseline, importance, labels.length, positives, notes, seconds,
        null, model);
    String path = store.save(asOf, model, metadataJson(result, matrix, trainedAt));
    gold.publish(spark.createDataFrame(List.of(metricsRow(result, trainedAt)), METRICS_SCHEMA), METRICS_TABLE, asOf);
    return new Result(asOf, cutoff, version, cv, baseline, importance, labels.length, positives, notes, seconds, path, model);
  }

  /** The population at the cutoff with its features and the observed label {@code churned}. */
  Dataset<Row> labelled(LocalDate asOf, List<String> notes) {
    LocalDate cutoff = asOf.minusDays(params.horizonDays());
    Dataset<Row> f = features.build(cutoff, notes);
    Dataset<Row> bought = silver.table("orders")
        .filter(Purchases.isPurchase()
            .and(col("order_date").gt(lit(Date.valueOf(cutoff))))
            .and(col("order_date").leq(lit(Date.valueOf(asOf)))))
        .select(col("customer_key").alias("buyer_id")).distinct();
    return f.join(bought, f.col("customer_key").equalTo(bought.col("buyer_id")), "left")
        .withColumn("churned", when(col("buyer_id").isNull(), 1).otherwise(0))
        .drop("buyer_id");
  }

  /** Scores 1 − P(alive) on the rows that have it. */
  private static Baseline baseline(FeatureMatrix matrix, int[] labels, List<String> notes) {
    double[] pAlive = matrix.columns().stream().filter(c -> c.name().equals("p_alive")).findFirst()
        .map(c -> ((FeatureColumn.Numeric) c).values()).orElseThrow();
    List<Integer> present = new ArrayList<>();
    for (int i = 0; i < pAlive.length; i++) {
      if (!Double.isNaN(pAlive[i])) {
        present.add(i);
      }
    }
    if (present.size() < labels.length) {
      notes.add((labels.length - present.size()) + " of " + labels.length + " customers have no P(alive); the baseline is computed without them");
    }
    double[] s = new double[present.size()];
    int[] y = new int[present.size()];
    int pos = 0;
    for (int i = 0; i < s.length; i++) {
      s[i] = 1 - pAlive[present.get(i)];
      y[i] = labels[present.get(i)];
      pos += y[i];
    }
    if (pos == 0 || pos == y.length) {
      return new Baseline(Double.NaN, Double.NaN, Double.NaN, Double.NaN, y.length);
    }
    return new Baseline(ChurnMetrics.rocAuc(s, y), ChurnMetrics.averagePrecision(s, y), ChurnMetrics.liftAtTopDecile(s, y),
        ChurnMetrics.brier(s, y), y.length);
  }

  private Row metricsRow(Result r, Instant trainedAt) {
    CrossValidationResult.LearnerResult best = r.crossValidation().chosenResult();
    Map<String, Double> learners = new LinkedHashMap<>();
    r.crossValidation().learners().forEach(l -> learners.put(l.name(), l.auc().mean()));
    List<Double> upper = new ArrayList<>();
    List<Integer> count = new ArrayList<>();
    List<Double> predicted = new ArrayList<>();
    List<Double> observed = new ArrayList<>();
    for (ChurnMetrics.CalibrationBin b : best.calibration()) {
      upper.add(b.upper());
      count.add(b.rows());
      predicted.add(b.meanPredicted());
      observed.add(b.observedRate());
    }
    Map<String, Double> importance = new LinkedHashMap<>();
    r.importance().forEach(f -> importance.put(f.feature(), f.share()));
    Baseline b = r.baseline();
    return RowFactory.create(Date.valueOf(r.asOf()), Date.valueOf(r.cutoff()), r.version(), best.name(), best.description(),
        r.rows(), r.positives(), r.crossValidation().folds(), best.auc().mean(), best.auc().sd(), best.prAuc().mean(),
        best.liftTopDecile().mean(), best.brier().mean(), b.rocAuc(), b.prAuc(), b.liftTopDecile(), b.brier(), learners,
        upper, count, predicted, observed, importance, r.notes(), r.seconds(), Timestamp.from(trainedAt));
  }

  private String metadataJson(Result r, FeatureMatrix matrix, Instant trainedAt) {
    CrossValidationResult.LearnerResult best = r.crossValidation().chosenResult();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", r.version());
    m.put("trained_at", trainedAt.toString());
    m.put("as_of", r.asOf().toString());
    m.put("cutoff", r.cutoff().toString());
    m.put("label", "no purchase in (" + r.cutoff() + ", " + r.asOf() + "] among customers who bought in the "
        + params.activeDays() + " days up to " + r.cutoff());
    m.put("data_window", Map.of("features_up_to", r.cutoff().toString(), "active_from", r.cutoff().minusDays(params.activeDays() - 1L).toString(),
        "label_from", r.cutoff().plusDays(1).toString(), "label_to", r.asOf().toString()));
    m.put("params", Map.of("active_days", params.activeDays(), "horizon_days", params.horizonDays(), "folds", params.folds(),
        "cv_max_rows", params.cvMaxRows(), "seed", params.seed()));
    m.put("learner", best.name());
    m.put("learner_description", best.description());
    m.put("input_features", matrix.names());
    m.put("encoded_features", r.model().encoding().outputNames());
    m.put("rows", r.rows());
    m.put("positives", r.positives());
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("roc_auc", sixDigits(best.auc().mean()));
    metrics.put("roc_auc_sd", sixDigits(best.auc().sd()));
    metrics.put("pr_auc", sixDigits(best.prAuc().mean()));
    metrics.put("lift_top_decile", sixDigits(best.liftTopDecile().mean()));
    metrics.put("brier", sixDigits(best.brier().mean()));
    metrics.put("baseline_p_alive_roc_auc", sixDigits(r.baseline().rocAuc()));
    metrics.put("baseline_p_alive_pr_auc", sixDigits(r.baseline().prAuc()));
    m.put("metrics", metrics);
    m.put("notes", r.notes());
    try {
      return JSON.writeValueAsString(m) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Six significant digits, e.g. 0.734521 or 1.00000; null when not finite. */
  private static BigDecimal sixDigits(double v) {
    return Double.isFinite(v) ? new BigDecimal(String.format(Locale.ROOT, "%.6g", v)) : null;
  }

  /** Metrics of the P(alive)-only baseline (score = 1 − P(alive)) on {@code rows} customers. */
  public record Baseline(double rocAuc, double prAuc, double liftTopDecile, double brier, int rows) {}

  /** What a training run produced; {@code modelPath} is where the model was stored. */
  public record Result(LocalDate asOf, LocalDate cutoff, String version, CrossValidationResult crossValidation,
      Baseline baseline, List<TrainedChurnModel.FeatureImportance> importance, int rows, int positives,
      List<String> notes, double seconds, String modelPath, TrainedChurnModel model) {
    public Result {
      notes = List.copyOf(notes);
    }
  }
}
