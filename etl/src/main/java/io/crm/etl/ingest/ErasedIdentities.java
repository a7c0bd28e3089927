package io.crm.etl.ingest;

import io.crm.warehouse.KeyedHash;
import java.io.Serializable;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The people erased from the workspace, as keyed hashes of their e-mail addresses, customer ids
 * and cookie ids (the tombstones). Ingest drops every record that carries one of them, so landing
 * files, which erasure does not touch, cannot bring a person back. Only hashes are held: the plain
 * identifiers are nowhere once a person is erased. Serializable, as Spark's tasks test the records.
 */
public final class ErasedIdentities implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Nobody is erased: ingest drops nothing. */
  public static final ErasedIdentities NONE = new ErasedIdentities(null, Set.of());

  /** Parse columns that can carry an identifier of a person. */
  static final Set<String> IDENTITY_COLUMNS =
      Set.of("customer_id", "source_customer_id", "user_id", "email", "cookie_id", "anonymous_id");

  // what separates fields and values in the lines of csv, json and access logs; '@', '.', '-' and
  // '_' stay, since e-mails and ids contain them
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,;|\"'{}\\[\\]:=&?<>()/\\\\]+");
  /** Customer ids shorter than this are not searched for in free text (see README "Data protection"). */
  private static final int MIN_TEXT_TOKEN = 4;

  private final KeyedHash hash;
  private final Set<String> tombstones;

  /**
   * The tombstone of an identifier. It is keyed apart from the pseudonymous customer_key (which
   * is {@code hash.of(customer_id)}), so a key an analyst has seen cannot be looked up among the
   * tombstones to learn that this person asked to be erased.
   */
  public static String tombstone(KeyedHash hash, String value) {
    return hash.of("tombstone:" + value);
  }

  /** @param tombstones {@link #tombstone}s of every erased identifier */
  public ErasedIdentities(KeyedHash hash, Set<String> tombstones) {
    if (!tombstones.isEmpty() && hash == null) {
      throw new IllegalArgumentException("tombstones need the keyed hash that made them");
    }
    this.hash = hash;
    this.tombstones = Set.copyOf(tombstones);
  }

  public boolean isEmpty() {
    return tombstones.isEmpty();
  }

  public int size() {
    return tombstones.size();
  }

  /**
   * Whether an identifier value belongs to an erased person. E-mails were hashed lower-cased,
   * so the lower-cased form is tried besides the value as written.
   */
  public boolean matches(String value) {
    if (value == null || tombstones.isEmpty()) {
      return false;
    }
    String v = value.strip();
    if (v.isEmpty()) {
      return false;
    }
    if (tombstones.contains(tombstone(hash, v))) {
      return true;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    return !lower.equals(v) && tombstones.contains(tombstone(hash, lower));
  }

  /**
   * Whether a line of free text (a quarantined record's original text or reason detail) holds an
   * identifier of an erased person as one of its fields; a rejected record has no trustworthy
   * typed columns, so its text is all there is to go by.
   */
  public boolean matchesText(String text) {
    if (text == null || tombstones.isEmpty()) {
      return false;
    }
    for (String token : SEPARATORS.split(text)) {
      if (token.length() >= MIN_TEXT_TOKEN && matches(token)) {
        return true;
      }
    }
    return false;
  }
}
