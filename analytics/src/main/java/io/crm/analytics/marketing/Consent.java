package io.crm.analytics.marketing;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may receive marketing mail on a date: per person the latest consent event before the
 * cutoff wins, whichever source recorded it. Ties and undated states resolve towards no
 * consent, because mailing someone who withdrew costs more than missing someone who agreed.
 */
public final class Consent {
  private Consent() {}

  /** The customer ids whose latest event strictly before {@code until} is an opt-in. */
  public static Set<String> holding(Collection<ConsentEvent> events, Instant until) {
    Map<String, ConsentEvent> latest = new HashMap<>();
    for (ConsentEvent e : events) {
      if (e.customerId() == null) {
        continue;
      }
      if (e.at() == null && e.optIn()) {
        continue; // an opt-in nobody can date proves nothing
      }
      if (e.at() != null && !e.at().isBefore(until)) {
        continue;
      }
      latest.merge(e.customerId(), e, Consent::later);
    }
    Set<String> out = new TreeSet<>();
    latest.forEach((id, e) -> {
      if (e.optIn()) {
        out.add(id);
      }
    });
    return out;
  }

  /** The event that wins: the later one; undated counts as earliest; on a tie no consent wins. */
  private static ConsentEvent later(ConsentEvent a, ConsentEvent b) {
    if (a.at() == null) {
      return b.at() == null ? a : b; // undated events are always withdrawals (see holding)
    }
    if (b.at() == null) {
      return a;
    }
    int c = a.at().compareTo(b.at());
    if (c != 0) {
      return c > 0 ? a : b;
    }
    return a.optIn() ? b : a;
  }
}
