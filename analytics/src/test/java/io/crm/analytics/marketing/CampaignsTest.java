package io.crm.analytics.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignsTest {

  @Test
  void everyKindIsACampaignWithDefaults() {
    Campaigns c = Campaigns.defaults();
    assertEquals(CampaignKind.ids(), c.all().stream().map(Campaign::name).toList());
    assertEquals(0.10, c.get("win-back").responseRate(), 0);
  }

  @Test
  void settingsOverrideDefaultsAndANewNameNeedsAKind() {
    Campaigns c = Campaigns.fromMap(Map.of(
        "win-back", Map.of("response_rate", 0.2),
        "vip-b2b", Map.of("kind", "key-accounts", "tiers", List.of("A", "B"), "offer", "VIP day")));
    assertEquals(0.2, c.get("win-back").responseRate(), 0);
    assertEquals("personal offer: free shipping for a year", c.get("win-back").offer());
    assertEquals(CampaignKind.KEY_ACCOUNTS, c.get("vip-b2b").kind());
    assertEquals("VIP day", c.get("vip-b2b").offer());
  }

  @Test
  void badSettingsAreRefusedWithTheirPathAndValue() {
    assertMessage("campaigns.win-back.min_clv must be a number, got 'lots'", Map.of("win-back", Map.of("min_clv", "lots")));
    assertMessage("campaigns.cross-sell.item must be one of category, product, got 'brand'", Map.of("cross-sell", Map.of("item", "brand")));
    assertMessage("campaigns.reactivation.response_rate must be between 0.0 and 1.0, got '5.0'",
        Map.of("reactivation", Map.of("response_rate", 5)));
    IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
        () -> Campaigns.fromMap(Map.of("win-back", Map.of("min_cvl", 10))));
    assertTrue(typo.getMessage().startsWith("campaigns.win-back.min_cvl is not a setting of a win-back campaign; valid: kind, stages"),
        typo.getMessage());
    IllegalArgumentException noKind = assertThrows(IllegalArgumentException.class,
        () -> Campaigns.fromMap(Map.of("spring", Map.of("offer", "x"))));
    assertTrue(noKind.getMessage().contains("give it a kind"), noKind.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Campaigns.defaults().get("winback"));
    assertTrue(unknown.getMessage().contains("campaigns: reactivation, win-back"), unknown.getMessage());
  }

  private static void assertMessage(String expected, Map<String, Object> section) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Campaigns.fromMap(section)).getMessage());
  }
}
