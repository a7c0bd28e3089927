package io.crm.analytics.marketing;

import java.time.Instant;

/**
 * One recorded newsletter consent state of a person in one source: an opt-in (at the time it
 * was given) or a state without consent (at the time it was recorded). {@code at} may be null
 * when the source gave no time.
 */
public record ConsentEvent(String customerId, String source, boolean optIn, Instant at) {}
