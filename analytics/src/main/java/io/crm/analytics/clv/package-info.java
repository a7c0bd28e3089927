/**
 * Customer lifetime value: purchase models, spend model, per-customer scores.
 *
 * <ul>
 *   <li>{@link io.crm.analytics.clv.BgNbd}, {@link io.crm.analytics.clv.ParetoNbd} and their common
 *       no-dropout limit {@link io.crm.analytics.clv.Nbd}: purchase counts and P(alive);
 *       {@link io.crm.analytics.clv.GammaGamma}: spend per purchase. Our own implementation of the
 *       published likelihoods, evaluated in log space (log-gamma, log-sum-exp, a rescaled or
 *       transformed 2F1 series) so large frequencies and ages do not overflow.
 *   <li>{@link io.crm.analytics.clv.PurchaseModelFit} and {@link io.crm.analytics.clv.GammaGammaFit}:
 *       maximum likelihood on distinct (x, t_x, T) triples with counts
 *       ({@link io.crm.analytics.clv.CustomerSummaries}), so fitting time depends on the number of
 *       distinct triples, not of customers. Nelder-Mead on log-parameters with restarts and
 *       Newton polishing; standard errors from the inverse numerical Hessian. Evaluation caps
 *       bound the run time; maxima on the boundary are reported and use the limiting model.
 *   <li>{@link io.crm.analytics.clv.ClvScorer}: per-customer P(alive), expected purchases,
 *       expected spend and CLV = margin · E[spend] · Σ_k ΔE[purchases in period k] / (1+d)^{t_k}.
 *   <li>Time is typed: {@link io.crm.analytics.clv.TimeUnit}, {@link io.crm.analytics.clv.Horizon},
 *       {@link io.crm.analytics.clv.DiscountRate}; a unit other than the model's is refused and must
 *       be converted explicitly.
 * </ul>
 *
 * <p>Model and result classes are immutable, serializable and free of Spark types, so the Spark
 * jobs can ship them to executors and call the per-customer functions row by row.
 */
package io.crm.analytics.clv;
