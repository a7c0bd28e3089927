package io.crm.jobs.cli;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"model\":").append(quote(p.requested().id()));
    sb.append(",\"customers\":").append(p.customers());
    sb.append(",\"params\":").append(values(p.parameters(), false));
    sb.append(",\"log_likelihood\":").append(number(p.logLikelihood()));
    SpendFitResult s = r.spend();
    if (s != null) {
      sb.append(",\"spend\":").append(values(s.parameters(), false));
    }
    sb.append(",\"standard_errors\":").append(values(p.parameters(), true));
    if (s != null) {
      sb.append(",\"spend_standard_errors\":").append(values(s.parameters(), true));
      sb.append(",\"spend_customers\":").append(s.customers());
      sb.append(",\"spend_log_likelihood\":").append(number(s.logLikelihood()));
    }
    sb.append(",\"model_used\":").append(quote(p.model().kind().id()));
    sb.append(",\"boundary\":").append(strings(p.boundary()));
    sb.append(",\"warnings\":").append(strings(p.warnings()));
    sb.append(",\"unit\":").append(quote(unitName(timeUnit)));
    sb.append(",\"distinct_triples\":").append(p.distinctTriples());
    sb.append(",\"rows_read\":").append(r.input().rows());
    sb.append(",\"rows_rejected\":").append(r.input().rejected());
    sb.append(",\"fit_seconds\":").append(number(p.seconds()));
    sb.append("}").append(System.lineSeparator());
    return sb.toString();
  }

  private static String values(List<ParameterEstimate> params, boolean errors) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < params.size(); i++) {
      ParameterEstimate e = params.get(i);
      sb.append(i == 0 ? "" : ",").append(quote(e.name())).append(':').append(number(errors ? e.standardError() : e.value()));
    }
    return sb.append('}').toString();
  }

  private static String strings(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(quote(items.get(i)));
    }
    return sb.append(']').toString();
  }

  private static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "null";
  }

  /** A JSON string literal (Jackson does the escaping). */
  private static String quote(String s) {
    return '"' + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
  }

  private static String unitName(TimeUnit u) {
    return u.name().toLowerCase(Locale.ROOT);
  }
}
