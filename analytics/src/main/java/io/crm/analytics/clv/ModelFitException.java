package io.crm.analytics.clv;

/**
 * A model could not be fitted to the data given; the message names the cause (for example "no
 * repeat buyers" or the parameters at which the likelihood stopped being finite). It is an
 * IllegalArgumentException because the cause lies in the input data.
 */
public class ModelFitException extends IllegalArgumentException {
  public ModelFitException(String message) {
    super(message);
  }
}
