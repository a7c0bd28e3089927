package io.crm.jobs.cli;

import io.crm.analytics.clv.ClvParams;
import io.crm.analytics.clv.ClvStep;
import io.crm.analytics.clv.ParameterEstimate;
import io.crm.analytics.clv.PurchaseFitResult;
import io.crm.analytics.clv.SpendFitResult;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import io.crm.jobs.spark.SparkSessions;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `crm clv`: without a subcommand, the warehouse job (gold clv and clv_models as of a date, see
 * {@link ClvStep}); `crm clv fit --summary FILE` fits a prepared summary file.
 */
@Command(
    name = "clv",
    mixinStandardHelpOptions = true,
    description = {
      "Customer lifetime value: BG/NBD or Pareto/NBD purchases, Gamma-Gamma spend.",
      "Without a subcommand: fit on silver orders up to --as-of and write gold clv and clv_models (settings: clv: in crm.yaml)."
    },
    subcommands = {ClvFitCommand.class})
public final class ClvCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Mixin AsOfOption asOfOption;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--holdout-until", paramLabel = "DATE",
      description = "Also print predicted vs actual repeat purchases per week from --as-of to this date (backtest).")
  String holdoutUntil;

  @Override
  public Integer call() {
    Workspace ws = home.workspace();
    ClvParams params = ClvParams.fromMap(ws.config().section("clv"));
    LocalDate asOf = asOfOption.resolve(ws.config().zone());
    LocalDate until = holdoutUntil == null ? null : date(holdoutUntil);
    SparkSession spark = SparkSessions.getOrCreate("crm clv");
    ClvStep step = new ClvStep(spark, new SilverTables(spark, ws.silver().toString()),
        new Snapshots(spark, ws.gold().toString()), params);
    long started = System.nanoTime();
    ClvStep.Result result = step.run(asOf);
    double seconds = (System.nanoTime() - started) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    print(out, result, seconds);
    if (until != null) {
      printTracking(out, step.tracking(result.fit(), until));
    }
    out.flush();
    return ExitCode.OK;
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UserException("--holdout-until must be a date like 2025-12-31, got '" + text + "'");
    }
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
