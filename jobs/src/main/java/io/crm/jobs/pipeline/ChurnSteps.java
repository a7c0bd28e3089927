package io.crm.jobs.pipeline;

import io.crm.analytics.churn.ChurnFeatures;
import io.crm.analytics.churn.ChurnMetrics;
import io.crm.analytics.churn.ChurnModelStore;
import io.crm.analytics.churn.ChurnParams;
import io.crm.analytics.churn.ChurnScoring;
import io.crm.analytics.churn.ChurnTraining;
import io.crm.analytics.churn.CrossValidationResult;
import io.crm.analytics.churn.TrainedChurnModel;
import io.crm.analytics.clv.ClvParams;
import io.crm.analytics.clv.ClvStep;
import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import io.crm.warehouse.Warehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The churn model steps: {@link Train} and {@link Score}, wired to one warehouse by {@link Wiring}. */
public final class ChurnSteps {
  private ChurnSteps() {}

  /** The churn collaborators of one warehouse. */
  record Wiring(ChurnParams params, ChurnFeatures features, ChurnModelStore store, ChurnTraining training, Snapshots gold,
      SparkSession spark) {
    static Wiring of(JobContext ctx, Warehouse warehouse) {
      ChurnParams params = ChurnParams.fromMap(ctx.workspace().config().section("churn"));
      ClvParams clv = ClvParams.fromMap(ctx.workspace().config().section("clv"));
      SparkSession spark = ctx.spark();
      SilverTables silver = new SilverTables(spark, warehouse);
      Snapshots gold = new Snapshots(spark, warehouse);
      ChurnFeatures features = new ChurnFeatures(silver, new CustomerFeatures(spark, silver, gold),
          new ClvStep(spark, silver, gold, clv), params.activeDays());
      ChurnModelStore store = new ChurnModelStore(warehouse);
      return new Wiring(params, features, store, new ChurnTraining(spark, silver, gold, features, store, params), gold, spark);
    }
  }

  /** Trains, evaluates and stores the churn model as of a date. */
  public static final class Train implements Step {
    private final JobContext ctx;

    public Train(JobContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public String name() {
      return "churn train";
    }

    @Override
    public List<String> inputs() {
      return List.of("silver/orders", "gold/customer_features", "gold/clv");
    }

    @Override
    public List<String> outputs() {
      return List.of("gold/churn_models", "gold/churn_model_metrics");
    }

    @Override
    public StepResult run(Warehouse warehouse, LocalDate asOf) {
      ChurnTraining.Result r = Wiring.of(ctx, warehouse).training().run(asOf);
      StringWriter text = new StringWriter();
      print(new PrintWriter(text), r);
      return new StepResult(text.toString(), r.rows(), 1, 0, metrics(r));
    }
  }

  /** Scores every active customer with the newest model, retraining first when it is due. */
  public static final class Score implements Step {
    private final JobContext ctx;

    public Score(JobContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public String name() {
      return "churn score";
    }

    @Override
    public List<String> inputs() {
      return List.of("silver/orders", "gold/customer_features", "gold/clv");
    }

    /** Scores, and a retrained model with its metrics when the newest model is due. */
    @Override
    public List<String> outputs() {
      return List.of("gold/churn_scores", "gold/churn_models", "gold/churn_model_metrics");
    }

    @Override
    public StepResult run(Warehouse warehouse, LocalDate asOf) {
      Wiring s = Wiring.of(ctx, warehouse);
      ChurnScoring.Result r = new ChurnScoring(s.spark(), s.gold(), s.features(), s.store(), s.training(), s.params()).run(asOf);
      StringWriter text = new StringWriter();
      PrintWriter out = new PrintWriter(text);
      if (r.retrained() != null) {
        print(out, r.retrained());
      }
      out.printf(Locale.ROOT, "churn scores as of %s: %,d customers with model %s%s (%s)%n", r.asOf(), r.customers(),
          r.modelVersion(), r.retrained() != null ? " (retrained now)" : " (trained " + r.modelDate() + ")", r.path());
      out.printf(Locale.ROOT, "  risk bands (Low < %.2f <= Medium < %.2f <= High):%n", s.params().mediumFrom(), s.params().highFrom());
      r.bands().forEach((band, n) -> out.printf(Locale.ROOT, "    %-7s %,9d  %5.1f%%%n", band, n, 100.0 * n / Math.max(1, r.customers())));
      r.notes().forEach(n -> out.printf("  note: %s%n", n));
      out.printf(Locale.ROOT, "  %.1f s%n", r.seconds());
      out.flush();
      Map<String, Object> metrics = r.retrained() == null ? new LinkedHashMap<>() : metrics(r.retrained());
      metrics.put("model_version", r.modelVersion());
      return new StepResult(text.toString(), -1, r.customers(), 0, metrics);
    }
  }

  private static Map<String, Object> metrics(ChurnTraining.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    CrossValidationResult.LearnerResult chosen = r.crossValidation().chosenResult();
    m.put("learner", r.crossValidation().chosen());
    m.put("roc_auc", chosen.auc().mean());
    m.put("pr_auc", chosen.prAuc().mean());
    m.put("brier", chosen.brier().mean());
    return m;
  }

  static void print(PrintWriter out, ChurnTraining.Result r) {
    CrossValidationResult cv = r.crossValidation();
    out.printf(Locale.ROOT, "churn model %s trained as of %s (features up to the cutoff %s, labels %s .. %s)%n",
        r.version(), r.asOf(), r.cutoff(), r.cutoff().plusDays(1), r.asOf());
    out.printf(Locale.ROOT, "  %,d customers, %,d churned (%.1f %%); %d-fold stratified cross-validation%s, seed %d%n",
        r.rows(), r.positives(), 100.0 * r.positives() / r.rows(), cv.folds(),
        cv.rows() < r.rows() ? String.format(Locale.ROOT, " of a stratified sample of %,d", cv.rows()) : "", cv.seed());
    out.printf(Locale.ROOT, "  %-16s %-17s %-15s %-14s %-7s%n", "learner", "ROC AUC", "PR AUC", "lift top 10%", "Brier");
    for (CrossValidationResult.LearnerResult l : cv.learners()) {
      out.printf(Locale.ROOT, "  %-16s %.4f +- %.4f   %.3f +- %.3f  %5.2f          %.4f%n", l.name(), l.auc().mean(), l.auc().sd(),
          l.prAuc().mean(), l.prAuc().sd(), l.liftTopDecile().mean(), l.brier().mean());
    }
    ChurnTraining.Baseline b = r.baseline();
    out.printf(Locale.ROOT, "  %-16s %.4f             %.3f          %5.2f          %.4f   (1 - P(alive), %,d customers)%n",
        "P(alive) only", b.rocAuc(), b.prAuc(), b.liftTopDecile(), b.brier(), b.rows());
    out.printf(Locale.ROOT, "  chosen: %s %s%n", cv.chosen(), cv.chosenResult().description());
    out.printf("  calibration (out-of-fold):  p-bin   rows  predicted  observed%n");
    for (ChurnMetrics.CalibrationBin bin : cv.chosenResult().calibration()) {
      if (bin.rows() > 0) {
        out.printf(Locale.ROOT, "                              %.1f-%.1f %6d  %9.3f  %8.3f%n", bin.lower(), bin.upper(), bin.rows(),
            bin.meanPredicted(), bin.observedRate());
      }
    }
    out.printf("  top features (share of importance):%n");
    for (TrainedChurnModel.FeatureImportance f : r.importance().subList(0, Math.min(10, r.importance().size()))) {
      out.printf(Locale.ROOT, "    %5.1f %%  %s%n", 100 * f.share(), f.feature());
    }
    r.notes().forEach(n -> out.printf("  note: %s%n", n));
    out.printf(Locale.ROOT, "  model stored in %s (%.1f s)%n", r.modelPath(), r.seconds());
  }
}
