package io.crm.analytics.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentTest {
  private static final Instant END_OF_JUNE = Instant.parse("2024-07-01T00:00:00Z");

  private static ConsentEvent optIn(String id, String source, String at) {
    return new ConsentEvent(id, source, true, at == null ? null : Instant.parse(at));
  }

  private static ConsentEvent noConsent(String id, String source, String at) {
    return new ConsentEvent(id, source, false, at == null ? null : Instant.parse(at));
  }

  @Test
  void aWithdrawalAfterAnOptInRemovesThePerson() {
    List<ConsentEvent> events = List.of(
        optIn("C1", "newsletter", "2024-01-10T09:00:00Z"),
        noConsent("C1", "newsletter", "2024-03-01T09:00:00Z"),
        optIn("C2", "newsletter", "2024-01-10T09:00:00Z"));
    assertEquals(Set.of("C2"), Consent.holding(events, END_OF_JUNE));
  }

  @Test
  void theLatestEventWinsAcrossSources() {
    List<ConsentEvent> events = List.of(
        optIn("C1", "newsletter", "2024-01-10T09:00:00Z"),
        noConsent("C1", "erp", "2024-02-01T09:00:00Z"), // the ERP says no later: out
        noConsent("C2", "erp", "2024-02-01T09:00:00Z"),
        optIn("C2", "newsletter", "2024-05-01T09:00:00Z")); // opted in again later: in
    assertEquals(Set.of("C2"), Consent.holding(events, END_OF_JUNE));
  }

  @Test
  void eventsFromTheCutoffOnAreNotYetKnown() {
    List<ConsentEvent> events = List.of(
        optIn("C1", "newsletter", "2024-07-01T00:00:00Z"), // exactly at the cutoff: too late
        optIn("C2", "newsletter", "2024-06-30T23:59:59Z"),
        noConsent("C2", "newsletter", "2024-07-02T00:00:00Z")); // withdrawal after the as_of date
    assertEquals(Set.of("C2"), Consent.holding(events, END_OF_JUNE));
  }

  @Test
  void tiesAndUndatedStatesGoAgainstConsent() {
    List<ConsentEvent> events = List.of(
        optIn("C1", "a", "2024-02-01T09:00:00Z"),
        noConsent("C1", "b", "2024-02-01T09:00:00Z"),
        optIn("C2", "a", null), // an undated opt-in proves nothing
        optIn("C3", "a", "2024-02-01T09:00:00Z"),
        noConsent("C3", "b", null)); // an undated "no" loses to any dated opt-in
    assertEquals(Set.of("C3"), Consent.holding(events, END_OF_JUNE));
  }
}
