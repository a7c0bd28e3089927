package io.crm.jobs.cli;

import io.crm.analytics.churn.ChurnEvaluation;
import io.crm.analytics.churn.ChurnLearners;
import io.crm.analytics.churn.ChurnMetrics;
import io.crm.analytics.churn.CrossValidationResult;
import io.crm.analytics.churn.FeatureEncoder;
import io.crm.analytics.churn.LabelledCsvReader;
import io.crm.analytics.churn.LabelledData;
import io.crm.analytics.churn.TrainedChurnModel;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `crm churn evaluate`: cross-validates the churn learners on an analyst's labelled CSV and
 * prints ROC AUC, PR AUC, top-decile lift and Brier score per learner, and which one is chosen.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Cross-validate the churn learners (logistic regression, gradient-boosted trees) on a labelled CSV.",
      "Every column except the label and the id is a feature: numeric if all its non-blank cells are numbers,"
          + " categorical otherwise; blank cells are missing values, imputed from the training folds only.",
      "Classes are not reweighted: the metrics are threshold-free (ROC AUC, PR AUC, lift) or proper (Brier),"
          + " so the probabilities stay calibrated to the real churn rate."
    })
public final class ChurnEvaluateCommand implements Callable<Integer> {
  private static final int TOP_FEATURES = 10;

  @Mixin HomeOptions home;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "Labelled CSV with a header row.")
  Path csv;

  @Option(names = "--label", required = true, paramLabel = "COL", description = "Label column: two values such as Yes/No, True/False, 1/0.")
  String label;

  @Option(names = "--id", required = true, paramLabel = "COL", description = "Id column (not used as a feature).")
  String id;

  @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "Stratified folds (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed of the folds and the learners (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object instead of tables.")
  boolean json;

  @Option(names = "--delimiter", paramLabel = "C", description = "Field separator: , ; | or tab (default: detected from the header line).")
  String delimiter;

  @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "CHARSET", description = "File encoding (default: ${DEFAULT-VALUE}).")
  String encoding;

  @Option(names = "--decimal", defaultValue = ".", paramLabel = "C", description = "Decimal separator of numbers: . or , (default: ${DEFAULT-VALUE}).")
  String decimal;

  @Option(names = "--positive", paramLabel = "VALUE", description = "Label value that means churn (default: recognised from Yes/True/1/churned/...).")
  String positive;

  @Override
  public Integer call() {
    if (folds < 2) {
      throw new UserException("--folds must be at least 2, got " + folds);
    }
    LabelledCsvReader reader =
        new LabelledCsvReader(new LabelledCsvReader.Options(delimiter(), charset(), decimal(), positive));
    ChurnEvaluation.Result result =
        new ChurnEvaluation(reader, new FeatureEncoder(), ChurnLearners.defaults(seed), folds, seed)
            .run(csv.toAbsolutePath(), label, id);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? json(result) : text(result));
    out.flush();
    return ExitCode.OK;
  }

  private Character delimiter() {
    if (delimiter == null) {
      return null;
    }
    return switch (delimiter) {
      case "\\t", "\t", "tab", "TAB" -> '\t';
      default -> {
        if (delimiter.length() != 1) {
          throw new UserException("--delimiter must be one character or 'tab', got '" + delimiter + "'");
        }
        yield delimiter.charAt(0);
      }
    };
  }

  private Charset charset() {
    try {
      return Charset.forName(encoding);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new UserException("unknown --encoding '" + encoding + "'", e);
    }
  }

  private char decimal() {
    if (!decimal.equals(".") && !decimal.equals(",")) {
      throw new UserException("--decimal must be '.' or ',', got '" + decimal + "'");
    }
    return decimal.charAt(0);
  }

  private static String text(ChurnEvaluation.Result r) {
    LabelledData d = r.data();
    CrossValidationResult cv = r.crossValidation();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %d rows used of %d read%s%n",
        r.csv().getFileName(), d.rows(), d.rowsRead(),
        d.skipped().isEmpty() ? "" : ", set aside " + describe(d.skipped())));
    sb.append(String.format(Locale.ROOT, "label: churn = \"%s\" in %d rows (%.1f %%), other value \"%s\"%n",
        d.positiveValue(), d.positives(), 100.0 * d.positives() / d.rows(), d.negativeValue()));
    sb.append(String.format(Locale.ROOT, "features: %d numeric, %d categorical -> %d encoded columns%s%n",
        d.numericColumns().size(), d.categoricalColumns().size(), cv.encodedFeatures(),
        d.blankCells().isEmpty() ? "" : "; blank cells (imputed, flagged): " + describe(d.blankCells())));
    sb.append(String.format(Locale.ROOT, "%d-fold stratified cross-validation, seed %d%n%n", cv.folds(), cv.seed()));
    sb.append(String.format(Locale.ROOT, "%-10s %-17s %-15s %-15s %-15s %8s%n",
        "learner", "ROC AUC", "PR AUC", "lift top 10%", "Brier", "seconds"));
    for (CrossValidationResult.LearnerResult l : cv.learners()) {
      sb.append(String.format(Locale.ROOT, "%-10s %-17s %-15s %-15s %-15s %8.1f%n",
          l.name(), pm(l.auc(), 4), pm(l.prAuc(), 3), pm(l.liftTopDecile(), 2), pm(l.brier(), 3), l.seconds()));
    }
    CrossValidationResult.LearnerResult chosen = cv.chosenResult();
    sb.append(String.format(Locale.ROOT, "%nchosen: %s (highest mean ROC AUC) %s%n", chosen.name(), chosen.description()));
    sb.append(String.format(Locale.ROOT, "%ncalibration of %s (out-of-fold predictions, pooled ROC AUC %.4f):%n",
        chosen.name(), chosen.pooledAuc()));
    sb.append(String.format(Locale.ROOT, "  %-9s %6s %10s %9s%n", "p", "rows", "predicted", "observed"));
    for (ChurnMetrics.CalibrationBin b : chosen.calibration()) {
      if (b.rows() > 0) {
        sb.append(String.format(Locale.ROOT, "  %.1f-%.1f %8d %10.3f %9.3f%n",
            b.lower(), b.upper(), b.rows(), b.meanPredicted(), b.observedRate()));
      }
    }
    sb.append(String.format(Locale.ROOT, "%ntop features of %s refitted on all %d rows (share of importance):%n",
        chosen.name(), d.rows()));
    for (TrainedChurnModel.FeatureImportance f : topFeatures(r)) {
      sb.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", 100 * f.share(), f.feature()));
    }
    sb.append(String.format(Locale.ROOT, "%nread %.1f s, cross-validation %.1f s, refit %.1f s%n",
        r.readSeconds(), r.crossValidationSeconds(), r.refitSeconds()));
    return sb.toString();
  }

  private static List<TrainedChurnModel.FeatureImportance> topFeatures(ChurnEvaluation.Result r) {
    List<TrainedChurnModel.FeatureImportance> all = r.chosenModel().importance();
    return all.subList(0, Math.min(TOP_FEATURES, all.size()));
  }

  private static String pm(CrossValidationResult.Summary s, int digits) {
    String f = "%." + digits + "f +- %." + digits + "f";
    return String.format(Locale.ROOT, f, s.mean(), s.sd());
  }

  private static String describe(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String json(ChurnEvaluation.Result r) {
    LabelledData d = r.data();
    CrossValidationResult cv = r.crossValidation();
    CrossValidationResult.LearnerResult chosen = cv.chosenResult();
    List<String> fields = new ArrayList<>();
    fields.add(pair("folds", Integer.toString(cv.folds())));
    fields.add(pair("rows", Integer.toString(cv.rows())));
    fields.add(pair("auc", num(chosen.auc().mean())));
    fields.add(pair("pr_auc", num(chosen.prAuc().mean())));
    fields.add(pair("model", str(chosen.name())));
    fields.add(pair("auc_sd", num(chosen.auc().sd())));
    fields.add(pair("lift_top_decile", num(chosen.liftTopDecile().mean())));
    fields.add(pair("brier", num(chosen.brier().mean())));
    fields.add(pair("model_description", str(chosen.description())));
    fields.add(pair("seed", Long.toString(cv.seed())));
    fields.add(pair("positives", Integer.toString(cv.positives())));
    fields.add(pair("positive_value", str(d.positiveValue())));
    fields.add(pair("rows_read", Integer.toString(d.rowsRead())));
    fields.add(pair("rows_set_aside", counts(d.skipped())));
    fields.add(pair("blank_cells", counts(d.blankCells())));
    fields.add(pair("numeric_columns", strings(d.numericColumns())));
    fields.add(pair("categorical_columns", strings(d.categoricalColumns())));
    fields.add(pair("encoded_features", Integer.toString(cv.encodedFeatures())));
    List<String> learners = new ArrayList<>();
    for (CrossValidationResult.LearnerResult l : cv.learners()) {
      learners.add("{" + String.join(",",
          pair("name", str(l.name())),
          pair("description", str(l.description())),
          pair("auc", num(l.auc().mean())),
          pair("auc_sd", num(l.auc().sd())),
          pair("pr_auc", num(l.prAuc().mean())),
          pair("pr_auc_sd", num(l.prAuc().sd())),
          pair("lift_top_decile", num(l.liftTopDecile().mean())),
          pair("brier", num(l.brier().mean())),
          pair("pooled_auc", num(l.pooledAuc())),
          pair("fold_auc", "[" + l.folds().stream().map(f -> num(f.auc())).collect(Collectors.joining(",")) + "]"),
          pair("seconds", num(l.seconds()))) + "}");
    }
    fields.add(pair("learners", "[" + String.join(",", learners) + "]"));
    List<String> bins = new ArrayList<>();
    for (ChurnMetrics.CalibrationBin b : chosen.calibration()) {
      bins.add("{" + String.join(",",
          pair("lower", num(b.lower())), pair("upper", num(b.upper())), pair("rows", Integer.toString(b.rows())),
          pair("predicted", num(b.meanPredicted())), pair("observed", num(b.observedRate()))) + "}");
    }
    fields.add(pair("calibration", "[" + String.join(",", bins) + "]"));
    List<String> top = new ArrayList<>();
    for (TrainedChurnModel.FeatureImportance f : topFeatures(r)) {
      top.add("{" + pair("feature", str(f.feature())) + "," + pair("share", num(f.share())) + "}");
    }
    fields.add(pair("top_features", "[" + String.join(",", top) + "]"));
    fields.add(pair("seconds", num(r.readSeconds() + r.crossValidationSeconds() + r.refitSeconds())));
    return "{" + String.join(",", fields) + "}\n";
  }

  private static String pair(String key, String value) {
    return str(key) + ":" + value;
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "") : "null";
  }

  private static String counts(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> pair(e.getKey(), Integer.toString(e.getValue())))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String strings(List<String> values) {
    return values.stream().map(ChurnEvaluateCommand::str).collect(Collectors.joining(",", "[", "]"));
  }

  /** A JSON string literal (Jackson does the escaping). */
  private static String str(String s) {
    return '"' + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
  }
}
