package io.crm.analytics.marketing;

/**
 * What the campaign rules know about one customer on the as_of date (gold segments, features,
 * CLV and churn score). Missing values are null: a prospect has no CLV, an unsurveyed customer
 * no CSAT.
 *
 * @param monetaryTotal net revenue up to as_of (0 for prospects)
 * @param recencyDays days since the last purchase, null for prospects
 * @param sessions30d web sessions in the 30 days up to as_of
 * @param surveyResponses survey answers up to as_of
 */
public record CustomerProfile(
    String customerId,
    String customerType,
    String rfmSegment,
    String lifecycleStage,
    String valueTier,
    String cluster,
    double monetaryTotal,
    Double clv,
    Double pAlive,
    Double churnProbability,
    String riskBand,
    Integer recencyDays,
    int sessions30d,
    Double lastCsat,
    Double lastNps,
    int surveyResponses) {

  public boolean isBuyer() {
    return recencyDays != null;
  }

  /** CLV, 0 when the customer has none. */
  public double clvOrZero() {
    return clv == null ? 0 : clv;
  }
}
