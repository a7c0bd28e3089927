package io.crm.analytics.clv;

import static io.crm.analytics.clv.SpecialFunctions.logGamma;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gamma-Poisson purchasing with no dropout: λ ~ Gamma(r, alpha), every customer stays active.
 * It is the limit of the BG/NBD (a → 0 or b → ∞) and of the Pareto/NBD (s → 0 or β → ∞), used
 * when a fit's maximum lies on that boundary. L = Γ(r+x)/Γ(r) · α^r / (α+T)^(r+x).
 */
public record Nbd(double r, double alpha, TimeUnit unit) implements PurchaseModel {

  public Nbd {
    PurchaseModel.checkPositive("r", r);
    PurchaseModel.checkPositive("alpha", alpha);
    if (unit == null) {
      throw new IllegalArgumentException("model time unit is missing");
    }
  }

  @Override
  public ModelKind kind() {
    return ModelKind.NBD;
  }

  @Override
  public Map<String, Double> params() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("r", r);
    m.put("alpha", alpha);
    return m;
  }

  @Override
  public double logLikelihood(int x, double tx, double T) {
    PurchaseModel.checkCustomer(x, tx, T);
    return logGamma(r + x) - logGamma(r) + r * Math.log(alpha) - (r + x) * Math.log(alpha + T);
  }

  static double totalLogLikelihood(double r, double alpha, TripleTable t) {
    int nx = t.distinctX.length;
    double[] common = new double[nx];
    double base = -logGamma(r) + r * Math.log(alpha);
    for (int i = 0; i < nx; i++) {
      common[i] = base + logGamma(r + t.distinctX[i]);
    }
    double[] logT = new double[t.distinctT.length];
    for (int j = 0; j < logT.length; j++) {
      logT[j] = Math.log(alpha + t.distinctT[j]);
    }
    return ParallelSum.over(t.size, (from, to) -> {
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += t.weight[i] * (common[t.xIndex[i]] - (r + t.x[i]) * logT[t.tIndex[i]]);
      }
      return sum;
    });
  }

  @Override
  public double probabilityAlive(int x, double tx, double T) {
    PurchaseModel.checkCustomer(x, tx, T);
    return 1;
  }

  @Override
  public double expectedPurchases(Horizon horizon) {
    return r / alpha * horizon.amountIn(unit);
  }

  @Override
  public double expectedPurchases(Horizon horizon, int x, double tx, double T) {
    PurchaseModel.checkCustomer(x, tx, T);
    return (r + x) / (alpha + T) * horizon.amountIn(unit);
  }
}
