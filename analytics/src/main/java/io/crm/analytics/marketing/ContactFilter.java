package io.crm.analytics.marketing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The gate every export passes: of the selected people, in the order given (best first), keeps
 * those with consent, not suppressed, with a valid address, and the first of each address.
 * Each person removed is counted under the first rule that removed them, in that order.
 */
public final class ContactFilter {
  private final Set<String> consented;
  private final SuppressionList suppression;

  public ContactFilter(Set<String> consented, SuppressionList suppression) {
    this.consented = consented;
    this.suppression = suppression;
  }

  /**
   * A selected person: the address an export would use, and every address known for them (a
   * suppression entry for any of them counts).
   */
  public record Candidate(String customerId, String email, Collection<String> knownEmails) {}

  /** A person who may be contacted, with the normalised address to use. */
  public record Contact(String customerId, String email) {}

  /** How many were selected and why the others were removed; selected = the rest + exported. */
  public record Counts(int selected, int noConsent, int suppressed, int invalid, int duplicate, int exported) {}

  public record Result(List<Contact> contacts, Counts counts) {}

  public Result apply(List<Candidate> selected) {
    int noConsent = 0;
    int suppressed = 0;
    int invalid = 0;
    int duplicate = 0;
    Set<String> seen = new HashSet<>();
    List<Contact> out = new ArrayList<>();
    for (Candidate c : selected) {
      if (!consented.contains(c.customerId())) {
        noConsent++;
        continue;
      }
      List<String> known = new ArrayList<>(c.knownEmails());
      known.add(c.email());
      if (suppression.matches(c.customerId(), known)) {
        suppressed++;
        continue;
      }
      String email = Emails.normalise(c.email());
      if (!Emails.isValid(email)) {
        invalid++;
        continue;
      }
      if (!seen.add(email)) {
        duplicate++;
        continue;
      }
      out.add(new Contact(c.customerId(), email));
    }
    return new Result(List.copyOf(out), new Counts(selected.size(), noConsent, suppressed, invalid, duplicate, out.size()));
  }
}
