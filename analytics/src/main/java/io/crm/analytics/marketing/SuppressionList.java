package io.crm.analytics.marketing;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * People who must never be contacted, whatever their consent says: e-mail addresses and
 * customer ids. An entry matches a customer id as written, and if it has an @ also an address
 * (compared normalised).
 */
public final class SuppressionList {
  private final Set<String> emails = new HashSet<>();
  private final Set<String> customerIds = new HashSet<>();

  private SuppressionList() {}

  public static SuppressionList empty() {
    return new SuppressionList();
  }

  /**
   * Reads the lines of a suppression file: blank lines and lines starting with # are skipped;
   * of a delimited line (comma, semicolon or tab) only the first field counts, quotes removed.
   * A header such as "email" is harmless: it matches nobody.
   */
  public SuppressionList addLines(Collection<String> lines) {
    for (String line : lines) {
      String t = line.replace("\ufeff", "").strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String first = t.split("[,;\t]", 2)[0].strip();
      if (first.length() >= 2 && first.startsWith("\"") && first.endsWith("\"")) {
        first = first.substring(1, first.length() - 1).replace("\"\"", "\"").strip();
      }
      add(first);
    }
    return this;
  }

  public SuppressionList add(String entry) {
    if (entry == null || entry.isBlank()) {
      return this;
    }
    // resolved ids of e-mail-only persons look like "email:a@b.de", so an entry with an @ may
    // be either: it is kept as both
    customerIds.add(entry.strip());
    if (entry.contains("@")) {
      emails.add(Emails.normalise(entry));
    }
    return this;
  }

  /** Whether the person is listed by id or by any of the addresses known for them. */
  public boolean matches(String customerId, Collection<String> knownEmails) {
    if (customerId != null && customerIds.contains(customerId)) {
      return true;
    }
    for (String e : knownEmails) {
      if (e != null && emails.contains(Emails.normalise(e))) {
        return true;
      }
    }
    return false;
  }

  public int size() {
    return emails.size() + customerIds.size();
  }
}
