package io.crm.analytics.clv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits a purchase model (BG/NBD, Pareto/NBD or NBD) by maximum likelihood on distinct summary
 * triples.
 *
 * <p>Boundary handling: both dropout models contain the NBD (no dropout) as a limit. The NBD is
 * fitted as well; when the dropout model improves the log-likelihood by less than
 * {@link #BOUNDARY_TOLERANCE}, its maximum lies on that boundary (a → 0 or b → ∞; s → 0 or β → ∞),
 * the result says so and predictions use the NBD. Other parameters that end at the optimiser's
 * cap (1e-8 or 1e8) are reported as boundary too, and so are shapes above
 * {@link #HOMOGENEOUS_SHAPE} (customers nearly alike); the model there approximates the limit.
 */
public final class PurchaseModelFit {

  /** Log-likelihood gain below which the dropout process is not supported by the data. */
  public static final double BOUNDARY_TOLERANCE = 1e-3;

  private final ModelKind kind;
  private final LogSpaceMaximizer maximizer;

  public PurchaseModelFit(ModelKind kind) {
    this(kind, 5_000);
  }

  /** @param maxEvaluationsPerRun cap on likelihood evaluations per Nelder-Mead run (never hangs) */
  public PurchaseModelFit(ModelKind kind, int maxEvaluationsPerRun) {
    if (kind == null) {
      throw new IllegalArgumentException("model kind is missing");
    }
    if (maxEvaluationsPerRun < 100) {
      throw new IllegalArgumentException("maxEvaluationsPerRun must be >= 100, got " + maxEvaluationsPerRun);
    }
    this.kind = kind;
    this.maximizer = new LogSpaceMaximizer(maxEvaluationsPerRun);
  }

  /**
   * @throws ModelFitException naming the cause when the data cannot identify the model (no
   *     customers, no repeat buyers) or the likelihood cannot be maximised
   */
  public PurchaseFitResult fit(CustomerSummaries data) {
    long started = System.nanoTime();
    if (data.customers() == 0) {
      throw new ModelFitException("cannot fit " + kind.id() + ": no customers");
    }
    TripleTable table = new TripleTable(data.triples());
    if (table.repeatWeight == 0) {
      throw new ModelFitException("cannot fit " + kind.id() + ": no repeat buyers among "
          + data.customers() + " customers (every frequency is 0)");
    }
    List<String> boundary = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    LogSpaceMaximizer.Optimum full = maximize(kind, table);
    int evaluations = full.evaluations();
    PurchaseModel model = kind.create(full.theta(), data.unit());
    LogSpaceMaximizer.Optimum used = full;
    List<ParameterEstimate> params = new ArrayList<>();
    if (kind.hasDropout()) {
      LogSpaceMaximizer.Optimum nbd = maximize(ModelKind.NBD, table);
      evaluations += nbd.evaluations();
      if (full.logLikelihood() - nbd.logLikelihood() < BOUNDARY_TOLERANCE) {
        boundary.add(dropoutBoundary(full.theta()) + "; using the no-dropout limit (NBD, "
            + "log-likelihood " + fmt(nbd.logLikelihood()) + " vs " + fmt(full.logLikelihood()) + ")");
        model = ModelKind.NBD.create(nbd.theta(), data.unit());
        used = nbd;
        List<String> names = kind.parameterNames();
        for (int i = 0; i < names.size(); i++) {
          params.add(i < 2
              ? estimate(names.get(i), nbd, i)
              : new ParameterEstimate(names.get(i), full.theta()[i], Double.NaN, true));
        }
      }
    }
    if (params.isEmpty()) {
      for (int i = 0; i < kind.parameterNames().size(); i++) {
        params.add(estimate(kind.parameterNames().get(i), full, i));
      }
    }
    for (int i = 0; i < used.atCap().length; i++) {
      if (used.atCap()[i]) {
        String name = model.kind().parameterNames().get(i);
        boolean high = used.theta()[i] > 1;
        boundary.add(name + (high ? " -> infinity" : " -> 0") + " (stopped at the cap " + fmt(used.theta()[i])
            + "; the model there approximates the limit)");
      }
    }
    boundary.addAll(homogeneityBoundaries(model));
    if (!used.hessianPositiveDefinite()) {
      warnings.add("the Hessian of the log-likelihood is not positive definite at the optimum: standard errors unavailable");
    }
    if (!Double.isFinite(used.logLikelihood())) {
      throw new ModelFitException("cannot fit " + kind.id() + ": non-finite likelihood at "
          + LogSpaceMaximizer.describe(model.kind().parameterNames(), used.theta()));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new PurchaseFitResult(kind, model, params, used.logLikelihood(), boundary, warnings,
        data.customers(), table.size, evaluations, seconds);
  }

  private LogSpaceMaximizer.Optimum maximize(ModelKind k, TripleTable table) {
    return maximizer.maximize(p -> k.totalLogLikelihood(p, table), k.start(table), k.parameterNames(), k.id());
  }

  /** Gamma or beta shapes this large mean the customers barely differ: a limit of the model. */
  static final double HOMOGENEOUS_SHAPE = 100;

  /**
   * Reports heterogeneity that vanishes: a gamma shape (r, s) or both beta parameters (a, b) so
   * large that every customer has nearly the same rate or probability. The model there is a close
   * approximation of that limit, so it is kept, but the analyst is told.
   */
  private static List<String> homogeneityBoundaries(PurchaseModel model) {
    List<String> out = new ArrayList<>();
    if (model instanceof BgNbd m) {
      add(out, m.r() > HOMOGENEOUS_SHAPE, "r, alpha -> infinity: purchase rates nearly equal across customers (r/alpha = " + fmt(m.r() / m.alpha()) + ")");
      add(out, m.a() > HOMOGENEOUS_SHAPE && m.b() > HOMOGENEOUS_SHAPE,
          "a, b -> infinity: dropout probability nearly equal across customers (a/(a+b) = " + fmt(m.a() / (m.a() + m.b())) + ")");
    } else if (model instanceof ParetoNbd m) {
      add(out, m.r() > HOMOGENEOUS_SHAPE, "r, alpha -> infinity: purchase rates nearly equal across customers (r/alpha = " + fmt(m.r() / m.alpha()) + ")");
      add(out, m.s() > HOMOGENEOUS_SHAPE, "s, beta -> infinity: dropout rates nearly equal across customers (s/beta = " + fmt(m.s() / m.beta()) + ")");
    } else if (model instanceof Nbd m) {
      add(out, m.r() > HOMOGENEOUS_SHAPE, "r, alpha -> infinity: purchase rates nearly equal across customers (r/alpha = " + fmt(m.r() / m.alpha()) + ")");
    }
    return out;
  }

  private static void add(List<String> out, boolean condition, String message) {
    if (condition) {
      out.add(message + "; the fitted model approximates that limit");
    }
  }

  private static ParameterEstimate estimate(String name, LogSpaceMaximizer.Optimum o, int i) {
    return new ParameterEstimate(name, o.theta()[i], o.standardErrors()[i], o.atCap()[i]);
  }

  /** Names the dropout parameter(s) that went to the boundary. */
  private String dropoutBoundary(double[] theta) {
    double first = theta[2];
    double second = theta[3];
    if (kind == ModelKind.BGNBD) {
      String which = first < 1e-3 ? "a -> 0" : second > 1e3 ? "b -> infinity" : "a/(a+b) -> 0";
      return "no dropout: " + which + " (a=" + fmt(first) + ", b=" + fmt(second) + ")";
    }
    String which = first < 1e-3 ? "s -> 0" : second > 1e3 ? "beta -> infinity" : "s/beta -> 0";
    return "no dropout: " + which + " (s=" + fmt(first) + ", beta=" + fmt(second) + ")";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
