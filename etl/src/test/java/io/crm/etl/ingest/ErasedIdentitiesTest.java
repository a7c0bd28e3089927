package io.crm.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.warehouse.KeyedHash;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which values and lines the tombstones of one erased person catch, and which they leave alone. */
class ErasedIdentitiesTest {
  private final KeyedHash hash = new KeyedHash("a workspace secret of some length".getBytes(StandardCharsets.UTF_8));
  private final ErasedIdentities erased =
      new ErasedIdentities(hash, Set.of(ErasedIdentities.tombstone(hash, "anna.berg@example.com"), ErasedIdentities.tombstone(hash, "K-1001"), ErasedIdentities.tombstone(hash, "5ed12bd21516f80f")));

  @Test
  void identifiersMatchAsIngestReadsThem() {
    assertTrue(erased.matches(" Anna.Berg@Example.com "), "e-mails were hashed lower-cased and trimmed");
    assertTrue(erased.matches("K-1001"));
    assertTrue(erased.matches("5ed12bd21516f80f"));
    assertFalse(erased.matches("K-10011"));
    assertFalse(erased.matches("bob@example.com"));
    assertFalse(erased.matches(null));
    assertFalse(erased.matches(" "));
  }

  @Test
  void aRejectedLineIsCaughtByOneOfItsFields() {
    assertTrue(erased.matchesText("A3,broken date,K-1001,someone@else.de,S1,1,10.00"));
    assertTrue(erased.matchesText("{\"event_id\":\"E1\",\"anonymous_id\":\"5ed12bd21516f80f\",\"ts\":\"never\"}"));
    assertTrue(erased.matchesText("1.2.3.0 - - [bad] \"GET / HTTP/1.1\" 200 1 \"-\" \"Mozilla\" \"5ed12bd21516f80f\""));
    assertTrue(erased.matchesText("invalid quantity for 'ANNA.BERG@example.com'"));
    assertFalse(erased.matchesText("A4,broken date,K-10011,bob@example.com,S1,1,10.00"), "a longer id is someone else");
  }

  @Test
  void nobodyErasedCatchesNothingAndHashesNeedTheirKey() {
    assertTrue(ErasedIdentities.NONE.isEmpty());
    assertFalse(ErasedIdentities.NONE.matchesText("K-1001,anna.berg@example.com"));
    KeyedHash other = new KeyedHash("another workspace's secret!".getBytes(StandardCharsets.UTF_8));
    assertFalse(new ErasedIdentities(other, Set.of(ErasedIdentities.tombstone(hash, "K-1001"))).matches("K-1001"), "a tombstone is bound to its secret");
    assertEquals(3, erased.size());
    assertThrows(IllegalArgumentException.class, () -> new ErasedIdentities(null, Set.of("abc")));
    // a tombstone is not the customer's pseudonymous key, which analysts see
    assertFalse(new ErasedIdentities(hash, Set.of(hash.of("K-1001"))).matches("K-1001"));
    assertFalse(ErasedIdentities.tombstone(hash, "K-1001").equals(hash.of("K-1001")));
  }
}
