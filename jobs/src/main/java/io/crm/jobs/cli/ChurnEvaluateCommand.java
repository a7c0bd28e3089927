package io.crm.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.analytics.churn.ChurnEvaluation;
import io.crm.analytics.churn.ChurnLearners;
import io.crm.analytics.churn.ChurnMetrics;
import io.crm.analytics.churn.CrossValidationResult;
import io.crm.analytics.churn.FeatureEncoder;
import io.crm.analytics.churn.LabelledCsvReader;
import io.crm.analytics.churn.LabelledData;
import io.crm.analytics.churn.TrainedChurnModel;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
  private static final ObjectMapper JSON = new ObjectMapper();
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
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("folds", cv.folds());
    m.put("rows", cv.rows());
    m.put("auc", num(chosen.auc().mean()));
    m.put("pr_auc", num(chosen.prAuc().mean()));
    m.put("model", chosen.name());
    m.put("auc_sd", num(chosen.auc().sd()));
    m.put("lift_top_decile", num(chosen.liftTopDecile().mean()));
    m.put("brier", num(chosen.brier().mean()));
    m.put("model_description", chosen.description());
    m.put("seed", cv.seed());
    m.put("positives", cv.positives());
    m.put("positive_value", d.positiveValue());
    m.put("rows_read", d.rowsRead());
    m.put("rows_set_aside", new TreeMap<>(d.skipped()));
    m.put("blank_cells", new TreeMap<>(d.blankCells()));
    m.put("numeric_columns", d.numericColumns());
    m.put("categorical_columns", d.categoricalColumns());
    m.put("encoded_features", cv.encodedFeatures());
    List<Map<String, Object>> learners = new ArrayList<>();
    for (CrossValidationResult.LearnerResult l : cv.learners()) {
      Map<String, Object> learner = new LinkedHashMap<>();
      learner.put("name", l.name());
      learner.put("description", l.description());
      learner.put("auc", num(l.auc().mean()));
      learner.put("auc_sd", num(l.auc().sd()));
      learner.put("pr_auc", num(l.prAuc().mean()));
      learner.put("pr_auc_sd", num(l.prAuc().sd()));
      learner.put("lift_top_decile", num(l.liftTopDecile().mean()));
      learner.put("brier", num(l.brier().mean()));
      learner.put("pooled_auc", num(l.pooledAuc()));
      learner.put("fold_auc", l.folds().stream().map(f -> num(f.auc())).toList());
      learner.put("seconds", num(l.seconds()));
      learners.add(learner);
    }
    m.put("learners", learners);
    List<Map<String, Object>> bins = new ArrayList<>();
    for (ChurnMetrics.CalibrationBin b : chosen.calibration()) {
      Map<String, Object> bin = new LinkedHashMap<>();
      bin.put("lower", num(b.lower()));
      bin.put("upper", num(b.upper()));
      bin.put("rows", b.rows());
      bin.put("predicted", num(b.meanPredicted()));
      bin.put("observed", num(b.observedRate()));
      bins.add(bin);
    }
    m.put("calibration", bins);
    List<Map<String, Object>> top = new ArrayList<>();
    for (TrainedChurnModel.FeatureImportance f : topFeatures(r)) {
      Map<String, Object> feature = new LinkedHashMap<>();
      feature.put("feature", f.feature());
      feature.put("share", num(f.share()));
      top.add(feature);
    }
    m.put("top_features", top);
    m.put("seconds", num(r.readSeconds() + r.crossValidationSeconds() + r.refitSeconds()));
    try {
      return JSON.writeValueAsString(m) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Six significant digits without trailing zeros (0.734521, 1); null when not finite. */
  private static BigDecimal num(double v) {
    if (!Double.isFinite(v)) {
      return null;
    }
    return new BigDecimal(String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", ""));
  }
}
