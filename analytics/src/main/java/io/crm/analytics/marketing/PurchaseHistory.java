package io.crm.analytics.marketing;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the cross-sell campaign needs from the order lines up to as_of, at the item level the
 * campaign asks for (product or category).
 *
 * @param baskets the items of each basket (an order, or all purchases of a customer)
 * @param boughtBy every item each customer ever bought
 * @param itemValue mean net amount of a line of the item: the value at stake of offering it
 */
public record PurchaseHistory(List<? extends Set<String>> baskets, Map<String, Set<String>> boughtBy, Map<String, Double> itemValue) {}
