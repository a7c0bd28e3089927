package io.crm.analytics.clv;

import java.io.Serializable;

/**
 * Per-customer CLV outputs over one horizon.
 *
 * @param probabilityAlive P(alive) at the end of the observation period
 * @param expectedPurchases expected purchases within the horizon
 * @param expectedSpend expected spend per purchase (Gamma-Gamma conditional mean)
 * @param clv discounted margin over the horizon (see {@link ClvScorer})
 */
public record CustomerValue(double probabilityAlive, double expectedPurchases, double expectedSpend, double clv)
    implements Serializable {}
