package io.crm.analytics.clv;

import java.util.List;
import java.util.Locale;

/** The purchase models this package fits, with their parameter names in order. */
public enum ModelKind {
  /** Beta-geometric/NBD, Fader, Hardie and Lee (2005). */
  BGNBD("bgnbd", List.of("r", "alpha", "a", "b")),
  /** Pareto/NBD, Schmittlein, Morrison and Colombo (1987). */
  PARETO_NBD("pareto-nbd", List.of("r", "alpha", "s", "beta")),
  /** Gamma-Poisson purchasing without dropout: the limit of both models above. */
  NBD("nbd", List.of("r", "alpha"));

  private final String id;
  private final List<String> parameterNames;

  ModelKind(String id, List<String> parameterNames) {
    this.id = id;
    this.parameterNames = parameterNames;
  }

  /** The name used on the command line and in JSON output. */
  public String id() {
    return id;
  }

  public List<String> parameterNames() {
    return parameterNames;
  }

  /** Whether the model has a dropout process whose limit is the NBD. */
  public boolean hasDropout() {
    return this != NBD;
  }

  public static ModelKind parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (ModelKind k : values()) {
      if (k.id.equals(t) || k.id.replace("-", "").equals(t.replace("-", ""))) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown model '" + text + "' (expected bgnbd, pareto-nbd or nbd)");
  }

  /** The model with these parameter values (in {@link #parameterNames()} order). */
  public PurchaseModel create(double[] p, TimeUnit unit) {
    return switch (this) {
      case BGNBD -> new BgNbd(p[0], p[1], p[2], p[3], unit);
      case PARETO_NBD -> new ParetoNbd(p[0], p[1], p[2], p[3], unit);
      case NBD -> new Nbd(p[0], p[1], unit);
    };
  }

  /** Sum of count-weighted ln L over the table; NaN or -∞ where the parameters are infeasible. */
  double totalLogLikelihood(double[] p, TripleTable t) {
    return switch (this) {
      case BGNBD -> BgNbd.totalLogLikelihood(p[0], p[1], p[2], p[3], t);
      case PARETO_NBD -> ParetoNbd.totalLogLikelihood(p[0], p[1], p[2], p[3], t);
      case NBD -> Nbd.totalLogLikelihood(p[0], p[1], t);
    };
  }

  /**
   * A starting point: heterogeneity shape r = 1 with the mean purchase rate r/alpha equal to the
   * observed repeat rate; moderate dropout.
   */
  double[] start(TripleTable t) {
    double rate = t.sumX / t.sumT;
    double alpha = 1 / rate;
    double meanT = t.sumT / t.totalWeight;
    return switch (this) {
      case BGNBD -> new double[] {1, alpha, 1, 3};
      case PARETO_NBD -> new double[] {1, alpha, 1, meanT};
      case NBD -> new double[] {1, alpha};
    };
  }
}
