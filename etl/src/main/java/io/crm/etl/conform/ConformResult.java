package io.crm.etl.conform;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

/**
 * What one conform run did: rows per silver table (in write order), bronze rows read per source
 * kind, and the counts of what was filtered or could not be resolved (kept or counted, never
 * silently dropped), and the wall-clock time per phase (stage, identities, orders, contacts,
 * surveys, sessions, customers, publish). {@code unknownCountries}: country values of orders
 * and contacts that are no known spelling of an ISO country, kept as written, with their rows.
 * {@code sessionsFullRefreshReason}: why all web traffic was cut into sessions again, null when
 * only the new files were ({@code recutVisitors} visitors cut again from their stored hits).
 * {@code identityEvidenceKept}: the web evidence of identities was the last run's plus the hits
 * this run cut, not reduced again from all session hits. {@code identitiesResolvedAgain}: the
 * rows of silver.identities derived this run, all of them or (incrementally) those the new
 * records and evidence can change. {@code rebuiltOrders}: the orders this
 * run built, all of them or (incrementally) those with a new staged line or another person.
 * {@code contactsBuiltAgain}, {@code customersBuiltAgain}: the rows of silver.contacts and
 * silver.customers derived this run, all of them or (incrementally) those of the contacts with a
 * new record or an identity derived again, and of the persons whose identities, contacts or
 * orders changed.
 * {@code nothingNew}: no bronze file had arrived since the last run (nor was one retired), so
 * the run wrote nothing and silver is as it was; the counts are then all zero.
 */
public record ConformResult(
    LocalDate asOf,
    Map<String, Long> silverRows,
    Map<String, Long> bronzeRows,
    long duplicateOrderLines,
    long unresolvedOrders,
    long anonymousOrders,
    Map<String, Long> unknownCountries,
    long unlinkedSurveyResponses,
    long logBotRequests,
    long eventBotEvents,
    long staticAssets,
    long persons,
    long linkedCookies,
    int identityRounds,
    boolean identityEvidenceKept,
    long identitiesResolvedAgain,
    String sessionsFullRefreshReason,
    long recutVisitors,
    long rebuiltOrders,
    long contactsBuiltAgain,
    long customersBuiltAgain,
    Map<String, Duration> phaseTimes,
    Duration elapsed,
    boolean nothingNew) {

  /** A run that found nothing new in bronze and left silver as it was. */
  static ConformResult nothingNew(LocalDate asOf, Duration elapsed) {
    return new ConformResult(asOf, Map.of(), Map.of(), 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, false, 0, null, 0, 0, 0, 0,
        Map.of(), elapsed, true);
  }
}
