package io.crm.analytics.marketing;

/**
 * One customer a campaign picked: the offer, why (in words a marketer can read), and the value
 * at stake that the budgeted selection multiplies by the campaign's response rate.
 *
 * @param rule the association rule behind a cross-sell offer, null for other campaigns
 */
public record Recommendation(String customerId, String offer, String reason, double valueAtStake, ItemRule rule) {}
