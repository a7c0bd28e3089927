package io.crm.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyedHashTest {
  private static KeyedHash withSecret(String secret) {
    return new KeyedHash(secret.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theKeyDependsOnSecretAndValue() {
    KeyedHash h = withSecret("0123456789abcdef");
    String key = h.of("anna@example.com");
    assertEquals(KeyedHash.KEY_HEX_CHARS, key.length());
    assertEquals(key, withSecret("0123456789abcdef").of("anna@example.com"), "same secret, same key");
    assertNotEquals(key, withSecret("0123456789abcdeX").of("anna@example.com"), "another secret, another key");
    assertNotEquals(key, h.of("anne@example.com"));
  }

  @Test
  void equalsTheJdkHmacOfTheValue() throws Exception {
    byte[] secret = "a secret of more than sixteen bytes".getBytes(StandardCharsets.UTF_8);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
    String expected = java.util.HexFormat.of().formatHex(mac.doFinal("C000123".getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected.substring(0, 32), new KeyedHash(secret).of("C000123"));
  }

  @Test
  void nullStaysNullAndShortSecretsAreRefused() {
    assertNull(withSecret("0123456789abcdef").of(null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withSecret("short"));
    assertEquals("the secret must have at least 16 bytes, got 5", e.getMessage());
  }
}
