package io.crm.jobs.gdpr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The person a data subject request names, with every identity silver links to them: all
 * customer ids, e-mail addresses and cookie ids. Access and erasure resolve a person the same
 * way, whichever engine reads silver (DuckDB for access, Spark for erasure).
 */
public record Subject(Set<String> customerIds, Set<String> emails, Set<String> cookies) {
  /** Customer ids shorter than this are not searched for in free text: they would match unrelated lines. */
  static final int MIN_TEXT_ID = 4;

  /** Runs one SQL query and returns its rows as strings; how silver is read is up to the caller. */
  @FunctionalInterface
  public interface Lookup {
    List<List<String>> rows(String sql);
  }

  Set<String> of(String kind) {
    return switch (kind) {
      case "customer_id" -> customerIds;
      case "email" -> emails;
      default -> cookies;
    };
  }

  boolean isEmpty() {
    return customerIds.isEmpty() && emails.isEmpty() && cookies.isEmpty();
  }

  /** What is searched for in free text (quarantined lines): e-mails, cookies and customer ids of four or more characters. */
  List<String> needles() {
    List<String> out = new ArrayList<>(emails);
    out.addAll(cookies);
    customerIds.stream().filter(id -> id.length() >= MIN_TEXT_ID).forEach(out::add);
    return out;
  }

  /**
   * The person behind an e-mail address or a customer id (one of them is null). {@code identities}
   * and {@code customers} name silver's tables for the lookup, or are null when silver has none;
   * then the person is only what the request names.
   */
  public static Subject resolve(Lookup lookup, String identities, String customers, String email, String customerId) {
    String type = email != null ? "email" : "customer_id";
    String value = email != null ? email.strip().toLowerCase(Locale.ROOT) : customerId.strip();
    Set<String> persons = new LinkedHashSet<>();
    if (identities != null && customers != null) {
      for (List<String> row : lookup.rows("SELECT DISTINCT customer_id FROM " + identities + " WHERE identity_type = "
          + literal(type) + " AND identity_value = " + literal(value) + " AND customer_id IS NOT NULL"
          + " UNION SELECT customer_id FROM " + customers + " WHERE customer_id = " + literal(value))) {
        persons.add(row.get(0));
      }
    }
    Set<String> ids = new LinkedHashSet<>(persons);
    Set<String> emails = new LinkedHashSet<>();
    Set<String> cookies = new LinkedHashSet<>();
    (email != null ? emails : ids).add(value);
    if (!persons.isEmpty()) {
      String in = persons.stream().map(Subject::literal).collect(Collectors.joining(", "));
      for (List<String> row : lookup.rows(
          "SELECT identity_type, identity_value FROM " + identities + " WHERE customer_id IN (" + in + ")")) {
        switch (row.get(0)) {
          case "email" -> emails.add(row.get(1));
          case "cookie" -> cookies.add(row.get(1));
          default -> ids.add(row.get(1));
        }
      }
    }
    return new Subject(ids, emails, cookies);
  }

  /** A SQL string literal; the requests refuse backslashes, which DuckDB and Spark read differently. */
  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
