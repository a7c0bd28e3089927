package io.crm.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.analytics.clv.GammaGammaFit;
import io.crm.analytics.clv.ModelKind;
import io.crm.analytics.clv.ParameterEstimate;
import io.crm.analytics.clv.PurchaseFitResult;
import io.crm.analytics.clv.PurchaseModelFit;
import io.crm.analytics.clv.SpendFitResult;
import io.crm.analytics.clv.SummaryCsvReader;
import io.crm.analytics.clv.SummaryFit;
import io.crm.analytics.clv.TimeUnit;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `crm clv fit --summary FILE`: fits a prepared per-customer summary CSV for analysts. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    description = {
      "Fit a purchase model (and the Gamma-Gamma spend model when monetary values are present) to a summary CSV.",
      "Columns: customer_id|ID (optional), frequency|x, recency|t_x, T, monetary_value|zbar (optional)."
    })
public final class ClvFitCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin HomeOptions home;

  @Spec CommandSpec spec;

  @Option(names = "--summary", required = true, paramLabel = "FILE", description = "Summary CSV with a header line.")
  Path summary;

  @Option(names = "--model", defaultValue = "bgnbd", paramLabel = "MODEL",
      description = "bgnbd (default), pareto-nbd or nbd.")
  String model;

  @Option(names = "--unit", defaultValue = "week", paramLabel = "UNIT",
      description = "Time unit of recency and T: day, week (default) or month.")
  String unit;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    ModelKind kind = ModelKind.parse(model);
    TimeUnit timeUnit = TimeUnit.parse(unit);
    SummaryFit step = new SummaryFit(new SummaryCsvReader(timeUnit), new PurchaseModelFit(kind), new GammaGammaFit());
    SummaryFit.Report report = step.run(summary);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? json(report, timeUnit) : text(report, timeUnit));
    out.flush();
    return ExitCode.OK;
  }

  private String text(SummaryFit.Report r, TimeUnit timeUnit) {
    PurchaseFitResult p = r.purchases();
    SummaryCsvReader.Result in = r.input();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s fit of %s (time unit: %s)%n", p.requested().id(), summary.getFileName(),
        unitName(timeUnit)));
    sb.append(String.format(Locale.ROOT, "customers %,d (rows read %,d, rejected %,d), distinct (x, t_x, T) triples %,d%n",
        p.customers(), in.rows(), in.rejected(), p.distinctTriples()));
    in.rejectedByReason().forEach((reason, n) -> sb.append(String.format(Locale.ROOT, "  rejected %s: %,d%n", reason, n)));
    in.examples().forEach(e -> sb.append("  e.g. ").append(e).append(System.lineSeparator()));
    appendTable(sb, p.parameters());
    sb.append(String.format(Locale.ROOT, "log-likelihood %.4f%n", p.logLikelihood()));
    for (String b : p.boundary()) {
      sb.append("boundary: ").append(b).append(System.lineSeparator());
    }
    for (String w : p.warnings()) {
      sb.append("warning: ").append(w).append(System.lineSeparator());
    }
    sb.append(String.format(Locale.ROOT, "fit time %.3f s (%,d likelihood evaluations)%n", p.seconds(), p.evaluations()));
    SpendFitResult s = r.spend();
    if (s != null) {
      sb.append(String.format(Locale.ROOT, "%nspend per purchase (Gamma-Gamma) on %,d repeat buyers%n", s.customers()));
      appendTable(sb, s.parameters());
      sb.append(String.format(Locale.ROOT, "log-likelihood %.4f%n", s.logLikelihood()));
      for (String w : s.warnings()) {
        sb.append("warning: ").append(w).append(System.lineSeparator());
      }
      sb.append(String.format(Locale.ROOT, "fit time %.3f s%n", s.seconds()));
    }
    for (String n : r.notes()) {
      sb.append("note: ").append(n).append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static void appendTable(StringBuilder sb, List<ParameterEstimate> params) {
    sb.append(String.format(Locale.ROOT, "  %-8s %14s %14s%n", "param", "estimate", "std. error"));
    for (ParameterEstimate e : params) {
      String se = Double.isNaN(e.standardError()) ? (e.onBoundary() ? "boundary" : "n/a")
          : String.format(Locale.ROOT, "%.6g", e.standardError());
      sb.append(String.format(Locale.ROOT, "  %-8s %14.6g %14s%n", e.name(), e.value(), se));
    }
  }

  private String json(SummaryFit.Report r, TimeUnit timeUnit) {
    PurchaseFitResult p = r.purchases();
    SpendFitResult s = r.spend();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", p.requested().id());
    m.put("customers", p.customers());
    m.put("params", values(p.parameters(), false));
    m.put("log_likelihood", number(p.logLikelihood()));
    if (s != null) {
      m.put("spend", values(s.parameters(), false));
    }
    m.put("standard_errors", values(p.parameters(), true));
    if (s != null) {
      m.put("spend_standard_errors", values(s.parameters(), true));
      m.put("spend_customers", s.customers());
      m.put("spend_log_likelihood", number(s.logLikelihood()));
    }
    m.put("model_used", p.model().kind().id());
    m.put("boundary", p.boundary());
    m.put("warnings", p.warnings());
    m.put("unit", unitName(timeUnit));
    m.put("distinct_triples", p.distinctTriples());
    m.put("rows_read", r.input().rows());
    m.put("rows_rejected", r.input().rejected());
    m.put("rejected_by_reason", r.input().rejectedByReason());
    m.put("rejected_examples", r.input().examples());
    m.put("fit_seconds", number(p.seconds()));
    try {
      return JSON.writeValueAsString(m) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Double> values(List<ParameterEstimate> params, boolean errors) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (ParameterEstimate e : params) {
      out.put(e.name(), number(errors ? e.standardError() : e.value()));
    }
    return out;
  }

  /** The value, or null (JSON null) when it is not finite. */
  private static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String unitName(TimeUnit u) {
    return u.name().toLowerCase(Locale.ROOT);
  }
}
