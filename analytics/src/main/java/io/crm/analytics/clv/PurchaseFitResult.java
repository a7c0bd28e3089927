package io.crm.analytics.clv;

import java.io.Serializable;
import java.util.List;

/**
 * Outcome of fitting a purchase model.
 *
 * @param requested the model asked for
 * @param model the model to use for predictions: the requested one, or its no-dropout limit (NBD)
 *     when the maximum lies on that boundary
 * @param parameters the requested model's parameters; on the boundary, the dropout parameters are
 *     flagged and r, alpha (with their standard errors) are those of the limiting model
 * @param logLikelihood maximised log-likelihood (of {@code model})
 * @param boundary one plain sentence per boundary the maximum lies on; empty for an interior maximum
 * @param warnings other things the analyst should know (e.g. standard errors unavailable)
 * @param customers customers in the fit
 * @param distinctTriples distinct (x, t_x, T) combinations the likelihood was evaluated on
 * @param evaluations likelihood evaluations used
 * @param seconds wall-clock time of the fit
 */
public record PurchaseFitResult(
    ModelKind requested,
    PurchaseModel model,
    List<ParameterEstimate> parameters,
    double logLikelihood,
    List<String> boundary,
    List<String> warnings,
    long customers,
    int distinctTriples,
    int evaluations,
    double seconds)
    implements Serializable {

  public PurchaseFitResult {
    parameters = List.copyOf(parameters);
    boundary = List.copyOf(boundary);
    warnings = List.copyOf(warnings);
  }

  public boolean onBoundary() {
    return !boundary.isEmpty();
  }

  /** The estimate with this name. */
  public ParameterEstimate parameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no parameter '" + name + "' in " + requested.id()));
  }
}
