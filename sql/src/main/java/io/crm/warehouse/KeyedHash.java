package io.crm.warehouse;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed hash (HMAC-SHA256) of an identifier, for the pseudonymous customer key that analysts
 * see and for erasure tombstones. Without the workspace secret nobody can compute the key of a
 * known e-mail address or customer id, so the key alone does not identify anyone; the secret
 * itself is never written into the warehouse. Serializable so Spark can ship it to executors.
 */
public final class KeyedHash implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Shortest secret accepted, in bytes. */
  public static final int MIN_SECRET_BYTES = 16;
  /** Hex characters of a key: 128 of the 256 bits, plenty against collisions in one workspace. */
  public static final int KEY_HEX_CHARS = 32;

  private final byte[] secret;
  private transient Mac mac;

  public KeyedHash(byte[] secret) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the secret must have at least " + MIN_SECRET_BYTES + " bytes, got "
          + (secret == null ? 0 : secret.length));
    }
    this.secret = secret.clone();
  }

  /** The key of {@code value} as lower-case hex; null stays null. */
  public String of(String value) {
    if (value == null) {
      return null;
    }
    byte[] digest = mac().doFinal(value.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest).substring(0, KEY_HEX_CHARS);
  }

  private Mac mac() {
    if (mac == null) {
      try {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
      }
    }
    return mac;
  }

  @Override
  public String toString() {
    return "KeyedHash[secret hidden]";
  }
}
