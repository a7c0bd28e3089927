package io.crm.jobs.pipeline;

import io.crm.analytics.clv.ClvParams;
import io.crm.analytics.clv.ClvStep;
import io.crm.analytics.clv.ParameterEstimate;
import io.crm.analytics.clv.PurchaseFitResult;
import io.crm.analytics.clv.SpendFitResult;
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

/**
 * Gold clv and clv_models as of a date (see {@link ClvStep}), or, given a holdout end, a
 * backtest: the model is fitted on the data up to the as_of date and its forecast compared with
 * the purchases after it, and no gold is written (a backtest must not replace the night's CLV).
 */
public final class ClvJobStep implements Step {
  private final JobContext ctx;
  private final LocalDate holdoutUntil;

  /** @param holdoutUntil backtest up to this date instead of writing gold; null: the gold job */
  public ClvJobStep(JobContext ctx, LocalDate holdoutUntil) {
    this.ctx = ctx;
    this.holdoutUntil = holdoutUntil;
  }

  @Override
  public String name() {
    return "clv";
  }

  @Override
  public List<String> inputs() {
    return List.of("silver/orders", "gold/segments");
  }

  @Override
  public List<String> outputs() {
    return holdoutUntil == null ? List.of("gold/clv", "gold/clv_models") : List.of();
  }

  @Override
  public StepResult run(Warehouse warehouse, LocalDate asOf) {
    ClvParams params = ClvParams.fromMap(ctx.workspace().config().section("clv"));
    SparkSession spark = ctx.spark();
    ClvStep step = new ClvStep(spark, new SilverTables(spark, warehouse), new Snapshots(spark, warehouse), params);
    if (holdoutUntil != null) {
      return backtest(step, asOf);
    }
    long started = System.nanoTime();
    ClvStep.Result result = step.run(asOf);
    double seconds = (System.nanoTime() - started) / 1e9;
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    print(out, result, seconds);
    out.flush();
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (ParameterEstimate e : result.fit().purchases().parameters()) {
      metrics.put(e.name(), e.value());
    }
    for (ParameterEstimate e : result.fit().spend().parameters()) {
      metrics.put("gg_" + e.name(), e.value());
    }
    metrics.put("total_clv", result.totalClv());
    return new StepResult(text.toString(), -1, result.customers(), 0, metrics);
  }

  private StepResult backtest(ClvStep step, LocalDate asOf) {
    ClvStep.Fit fit = step.fit(asOf);
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.printf(Locale.ROOT, "clv backtest: %s fitted on %,d customers up to %s; gold not written%n",
        fit.purchases().model().kind().id(), fit.purchases().customers(), asOf);
    printParams(out, fit.purchases().parameters());
    List<ClvStep.TrackingWeek> weeks = step.tracking(fit, holdoutUntil);
    printTracking(out, weeks);
    out.flush();
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (ParameterEstimate e : fit.purchases().parameters()) {
      metrics.put(e.name(), e.value());
    }
    if (!weeks.isEmpty()) {
      ClvStep.TrackingWeek last = weeks.get(weeks.size() - 1);
      metrics.put("holdout_actual", last.cumulativeActual());
      metrics.put("holdout_predicted", last.cumulativePredicted());
    }
    return new StepResult(text.toString(), -1, fit.purchases().customers(), 0, metrics);
  }

  static void print(PrintWriter out, ClvStep.Result r, double seconds) {
    ClvStep.Fit fit = r.fit();
    PurchaseFitResult p = fit.purchases();
    SpendFitResult s = fit.spend();
    ClvParams params = r.params();
    out.printf(Locale.ROOT, "clv as of %s: %,d customers scored (%s)%n", r.asOf(), r.customers(), r.path());
    out.printf(Locale.ROOT, "  time unit %s; horizon %s %s (= %.2f %s); discount %.4f per %s (= %.6f per %s); margin %.2f%n",
        unit(params.unit()), num(params.horizon().amount()), unit(params.horizon().unit()),
        params.horizonInModelUnit().amount(), unit(params.unit()), params.discountRate().rate(),
        unit(params.discountRate().per()), params.discountInModelUnit().rate(), unit(params.unit()), params.margin());
    out.printf(Locale.ROOT, "  %s on %,d customers (%,d distinct (x, t_x, T) triples%s): log-likelihood %.2f, %.2f s%n",
        p.model().kind().id(), p.customers(), p.distinctTriples(),
        fit.newCustomers() > 0 ? String.format(Locale.ROOT, "; %,d first seen on the as_of day not fitted", fit.newCustomers()) : "",
        p.logLikelihood(), p.seconds());
    printParams(out, p.parameters());
    p.boundary().forEach(b -> out.printf("    boundary: %s%n", b));
    p.warnings().forEach(w -> out.printf("    warning: %s%n", w));
    out.printf(Locale.ROOT, "  gamma-gamma on %,d repeat buyers (%,d excluded with mean spend <= 0): log-likelihood %.2f, %.2f s%n",
        s.customers(), s.excluded(), s.logLikelihood(), s.seconds());
    printParams(out, s.parameters());
    s.warnings().forEach(w -> out.printf("    warning: %s%n", w));
    out.printf(Locale.ROOT, "  total CLV %,.2f; mean P(alive) %.3f; expected purchases in the horizon %,.1f%n",
        r.totalClv(), r.meanPAlive(), r.expectedPurchases());
    if (r.bySegment().isEmpty()) {
      out.println("  CLV by segment: no segments snapshot for this date (run `crm segment` first)");
    } else {
      out.printf("  CLV by RFM segment:%n    %-22s %9s %9s %12s %15s%n", "segment", "customers", "P(alive)", "mean CLV", "total CLV");
      for (ClvStep.SegmentValue v : r.bySegment()) {
        out.printf(Locale.ROOT, "    %-22s %,9d %9.3f %,12.2f %,15.2f%n", v.segment(), v.customers(), v.meanPAlive(), v.meanClv(), v.totalClv());
      }
    }
    out.printf(Locale.ROOT, "  summaries %.1f s, whole step %.1f s%n", fit.summarySeconds(), seconds);
  }

  private static void printParams(PrintWriter out, List<ParameterEstimate> params) {
    for (ParameterEstimate e : params) {
      out.printf(Locale.ROOT, "    %-6s %12.6g  (se %s)%s%n", e.name(), e.value(),
          Double.isFinite(e.standardError()) ? String.format(Locale.ROOT, "%.4g", e.standardError()) : "n/a",
          e.onBoundary() ? "  on the boundary" : "");
    }
  }

  static void printTracking(PrintWriter out, List<ClvStep.TrackingWeek> weeks) {
    out.printf("holdout: repeat purchase days per week after the as_of date%n");
    out.printf("  %4s  %-10s %-10s %7s %10s %12s %10s %12s%n", "week", "from", "to", "actual", "predicted",
        "unconditional", "cum actual", "cum predicted");
    for (ClvStep.TrackingWeek w : weeks) {
      out.printf(Locale.ROOT, "  %4d  %s %s %7d %10.1f %12.1f %10d %12.1f%n", w.week(), w.from(), w.to(), w.actual(),
          w.predicted(), w.unconditionalPredicted(), w.cumulativeActual(), w.cumulativePredicted());
    }
  }

  private static String unit(io.crm.analytics.clv.TimeUnit u) {
    return u.name().toLowerCase(Locale.ROOT);
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
