package io.crm.jobs.cli;

import io.crm.analytics.churn.ChurnFeatures;
import io.crm.analytics.churn.ChurnMetrics;
import io.crm.analytics.churn.ChurnModelStore;
import io.crm.analytics.churn.ChurnParams;
import io.crm.analytics.churn.ChurnTraining;
import io.crm.analytics.churn.CrossValidationResult;
import io.crm.analytics.churn.TrainedChurnModel;
import io.crm.analytics.clv.ClvParams;
import io.crm.analytics.clv.ClvStep;
import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import io.crm.jobs.spark.SparkSessions;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `crm churn train`: trains, evaluates and stores the churn model as of a date. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the churn model as of a date: label = no purchase in the churn.horizon_days after a cutoff that many days back,",
      "among customers who bought in the churn.active_days up to the cutoff; features only from data up to the cutoff.",
      "Cross-validates logistic regression and gradient-boosted trees, keeps the best, compares it with P(alive) alone,",
      "stores it under warehouse/gold/churn_models/<as_of>/ and its metrics in gold churn_model_metrics."
    })
public final class ChurnTrainCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Mixin AsOfOption asOfOption;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Workspace ws = home.workspace();
    Steps steps = Steps.open(ws, "crm churn train");
    ChurnTraining.Result r = steps.training().run(asOfOption.resolve(ws.config().zone()));
    PrintWriter out = spec.commandLine().getOut();
    print(out, r);
    out.flush();
    return ExitCode.OK;
  }

  /** The churn steps wired to one workspace. */
  record Steps(ChurnParams params, ChurnFeatures features, ChurnModelStore store, ChurnTraining training, Snapshots gold,
      SparkSession spark) {
    static Steps open(Workspace ws, String app) {
      ChurnParams params = ChurnParams.fromMap(ws.config().section("churn"));
      ClvParams clv = ClvParams.fromMap(ws.config().section("clv"));
      SparkSession spark = SparkSessions.getOrCreate(app);
      SilverTables silver = new SilverTables(spark, ws.silver().toString());
      Snapshots gold = new Snapshots(spark, ws.gold().toString());
      ChurnFeatures features = new ChurnFeatures(silver, new CustomerFeatures(spark, silver, gold),
          new ClvStep(spark, silver, gold, clv), params.activeDays());
      ChurnModelStore store = new ChurnModelStore(ws.gold().toString(), spark.sparkContext().hadoopConfiguration());
      return new Steps(params, features, store, new ChurnTraining(spark, silver, gold, features, store, params), gold, spark);
    }
  }

  static void print(PrintWriter out, ChurnTraining.Result r) {
    CrossValidationResult cv = r.crossValidation();
    out.printf(Locale.ROOT, "churn model %s trained as of %s (features up to the cutoff %s, labels %s .. %s)%n",
        r.version(), r.asOf(), r.cutoff(), r.cutoff().plusDays(1), r.asOf());
    out.printf(Locale.ROOT, "  %,d customers, %,d churned (%.1f %%); %d-fold stratified cross-validation, seed %d%n",
        r.rows(), r.positives(), 100.0 * r.positives() / r.rows(), cv.folds(), cv.seed());
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
