package io.crm.analytics.clv;

import java.io.Serializable;
import java.util.List;

/**
 * Outcome of fitting the Gamma-Gamma spend model.
 *
 * @param customers repeat buyers with a positive mean spend used in the fit
 * @param excluded repeat buyers left out because their mean spend is 0
 */
public record SpendFitResult(
    GammaGamma model,
    List<ParameterEstimate> parameters,
    double logLikelihood,
    List<String> warnings,
    long customers,
    long excluded,
    int evaluations,
    double seconds)
    implements Serializable {

  public SpendFitResult {
    parameters = List.copyOf(parameters);
    warnings = List.copyOf(warnings);
  }
}
