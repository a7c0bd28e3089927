package io.crm.analytics.clv;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood on the distinct (x, zbar) pairs of
 * repeat buyers (customers with x > 0 and a mean spend > 0).
 */
public final class GammaGammaFit {

  private static final List<String> NAMES = List.of("p", "q", "v");
  private final LogSpaceMaximizer maximizer;

  public GammaGammaFit() {
    this.maximizer = new LogSpaceMaximizer(5_000);
  }

  /** @throws ModelFitException when there are no repeat buyers with a monetary value */
  public SpendFitResult fit(CustomerSummaries data) {
    long started = System.nanoTime();
    List<SpendObservation> obs = data.spend();
    if (obs.isEmpty()) {
      throw new ModelFitException("cannot fit the spend model: no repeat buyers with a monetary value > 0"
          + (data.hasMonetary() ? "" : " (the summary has no monetary column)"));
    }
    int n = obs.size();
    int[] x = new int[n];
    double[] z = new double[n];
    double[] w = new double[n];
    long customers = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      x[i] = obs.get(i).x();
      z[i] = obs.get(i).zbar();
      w[i] = obs.get(i).count();
      customers += obs.get(i).count();
      sum += z[i] * w[i];
    }
    double meanZ = sum / customers;
    LogSpaceMaximizer.Optimum o = maximizer.maximize(
        t -> ParallelSum.over(n, (from, to) -> {
          double s = 0;
          for (int i = from; i < to; i++) {
            s += w[i] * GammaGamma.logDensity(t[0], t[1], t[2], x[i], z[i]);
          }
          return s;
        }),
        new double[] {1, 2, meanZ}, NAMES, "the Gamma-Gamma spend model");
    List<ParameterEstimate> params = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      params.add(new ParameterEstimate(NAMES.get(i), o.theta()[i], o.standardErrors()[i], o.atCap()[i]));
      if (o.atCap()[i]) {
        warnings.add(NAMES.get(i) + " stopped at the cap " + o.theta()[i] + " (boundary of the parameter space)");
      }
    }
    if (!o.hessianPositiveDefinite()) {
      warnings.add("the Hessian of the log-likelihood is not positive definite at the optimum: standard errors unavailable");
    }
    if (!(o.theta()[1] > 1)) {
      warnings.add("q <= 1: the population mean spend is infinite; customers without repeat purchases get no expected spend");
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new SpendFitResult(new GammaGamma(o.theta()[0], o.theta()[1], o.theta()[2]), params,
        o.logLikelihood(), warnings, customers, data.spendExcluded(), o.evaluations(), seconds);
  }
}
