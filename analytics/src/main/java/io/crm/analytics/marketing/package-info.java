/**
 * Marketing selections, free of Spark and of warehouse paths: the caller hands in rows and gets
 * back who to contact, with what offer and why.
 *
 * <ul>
 *   <li>{@link io.crm.analytics.marketing.Campaigns} reads the {@code campaigns:} section of
 *       crm.yaml; {@link io.crm.analytics.marketing.CampaignSelector} applies a campaign's rules to
 *       {@link io.crm.analytics.marketing.CustomerProfile}s and returns
 *       {@link io.crm.analytics.marketing.Recommendation}s.
 *   <li>{@link io.crm.analytics.marketing.AssociationRules} mines product rules from baskets with
 *       Smile's FP-growth; {@link io.crm.analytics.marketing.CrossSell} turns them into the next
 *       product per customer.
 *   <li>{@link io.crm.analytics.marketing.Consent}, {@link io.crm.analytics.marketing.SuppressionList}
 *       and {@link io.crm.analytics.marketing.ContactFilter} decide who may be contacted at all;
 *       {@link io.crm.analytics.marketing.BudgetedSelection} spends a budget on the best of them.
 * </ul>
 */
package io.crm.analytics.marketing;
