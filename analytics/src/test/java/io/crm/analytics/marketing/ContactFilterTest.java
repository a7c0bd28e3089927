package io.crm.analytics.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContactFilterTest {

  private static ContactFilter.Candidate person(String id, String email, String... otherEmails) {
    return new ContactFilter.Candidate(id, email, List.of(otherEmails));
  }

  @Test
  void everyRemovalIsCountedOnceAndTheFirstOfEachAddressIsKept() {
    SuppressionList suppression = SuppressionList.empty()
        .addLines(List.of("email;reason", "\"Blocked@Example.com\";complaint", "# a comment", "", "C7"));
    ContactFilter filter = new ContactFilter(Set.of("C1", "C2", "C3", "C4", "C5", "C7", "C8"), suppression);
    ContactFilter.Result r = filter.apply(List.of(
        person("C1", "  Anna.Schmidt@Example.de "),
        person("C2", "anna.schmidt@example.de"), // the same address again: duplicate
        person("C3", "not-an-address"),
        person("C4", "blocked@example.com"), // suppressed by address
        person("C5", "new@example.org", "BLOCKED@example.com"), // suppressed by another known address
        person("C6", "jo@example.org"), // no consent
        person("C7", "c7@example.org"), // suppressed by customer id
        person("C8", null)));
    assertEquals(new ContactFilter.Counts(8, 1, 3, 2, 1, 1), r.counts());
    assertEquals(List.of(new ContactFilter.Contact("C1", "anna.schmidt@example.de")), r.contacts());
  }

  @Test
  void anIdWithAnAtSignIsSuppressedAsAnId() {
    SuppressionList suppression = SuppressionList.empty().addLines(List.of("email:guest@example.org"));
    assertTrue(suppression.matches("email:guest@example.org", List.of("other@example.org")));
    assertFalse(suppression.matches("email:someone@example.org", List.of("someone@example.org")));
    assertFalse(SuppressionList.empty().addLines(List.of("C7")).matches("C77", List.of()), "ids match whole");
  }

  @Test
  void addressChecks() {
    assertEquals("jürgen.müller@example.de", Emails.normalise("\u00a0Jürgen.Müller@Example.DE "));
    assertTrue(Emails.isValid("a.b+tag@mail.example.co.uk"));
    assertTrue(Emails.isValid("juergen@müller.de"), "a domain with umlauts");
    assertFalse(Emails.isValid("jürgen@example.de"), "mail tools refuse non-ASCII local parts");
    for (String bad : List.of("ab.example.com", "a@@example.com", "a@example", "n/a", "a b@example.com", "a@.example.com", "a..b@example.com")) {
      assertFalse(Emails.isValid(Emails.normalise(bad)), bad);
    }
    assertEquals("973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b", Emails.sha256("test@example.com"));
  }
}
