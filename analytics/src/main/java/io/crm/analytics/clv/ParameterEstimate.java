package io.crm.analytics.clv;

import java.io.Serializable;

/**
 * One fitted parameter. standardError is NaN when it is not available: the parameter is on the
 * boundary of the parameter space, or the Hessian there is not positive definite.
 */
public record ParameterEstimate(String name, double value, double standardError, boolean onBoundary)
    implements Serializable {}
