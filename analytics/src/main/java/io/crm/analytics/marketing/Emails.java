package io.crm.analytics.marketing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How exports compare and check e-mail addresses. Stricter than the identity stitching in
 * conform: an address that goes to a mail tool must at least have a plausible domain.
 */
public final class Emails {
  private static final Pattern VALID = Pattern.compile(
      "^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@([a-z0-9\\p{L}]([a-z0-9\\p{L}-]*[a-z0-9\\p{L}])?\\.)+[a-z\\p{L}]{2,}$");

  private Emails() {}

  /** Trimmed (no-break spaces too) and lower-cased; null when blank. */
  public static String normalise(String raw) {
    if (raw == null) {
      return null;
    }
    String t = raw.replace('\u00a0', ' ').strip().toLowerCase(Locale.ROOT);
    return t.isEmpty() ? null : t;
  }

  /** Whether a normalised address is fit to send to (one @, dotted domain, no blanks). */
  public static boolean isValid(String normalised) {
    return normalised != null && normalised.length() <= 254 && VALID.matcher(normalised).matches();
  }

  /** SHA-256 of the normalised address, lower-case hex: what the export log keeps instead of it. */
  public static String sha256(String normalised) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
