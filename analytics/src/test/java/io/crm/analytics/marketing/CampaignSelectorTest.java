package io.crm.analytics.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CampaignSelectorTest {

  /** A buyer or prospect with just the fields a test sets; the rest neutral. */
  private static final class Profile {
    String id;
    String type = "B2C";
    String stage = "active";
    String tier = "C";
    double revenue = 100;
    Double clv = 50.0;
    Double churn = 0.1;
    Integer recency = 20;
    int sessions30d;
    Double csat;
    Double nps;
    int surveys;

    static Profile of(String id) {
      Profile p = new Profile();
      p.id = id;
      return p;
    }

    Profile stage(String s) { stage = s; return this; }
    Profile tier(String t) { tier = t; return this; }
    Profile type(String t) { type = t; return this; }
    Profile revenue(double r) { revenue = r; return this; }
    Profile clv(Double c) { clv = c; return this; }
    Profile churn(double c) { churn = c; return this; }
    Profile recency(Integer d) { recency = d; return this; }
    Profile sessions(int s) { sessions30d = s; return this; }
    Profile csat(double c) { csat = c; surveys++; return this; }
    Profile nps(double n) { nps = n; surveys++; return this; }

    Profile prospect() {
      stage = "prospect";
      revenue = 0;
      clv = null;
      churn = null;
      recency = null;
      return this;
    }

    CustomerProfile build() {
      return new CustomerProfile(id, type, null, stage, tier, null, revenue, clv, null, churn, null, recency, sessions30d, csat, nps, surveys);
    }
  }

  private static List<String> ids(String campaign, PurchaseHistory history, Profile... profiles) {
    List<CustomerProfile> customers = java.util.Arrays.stream(profiles).map(Profile::build).toList();
    return CampaignSelector.select(Campaigns.defaults().get(campaign), customers, history).stream()
        .map(Recommendation::customerId).toList();
  }

  @Test
  void reactivationTakesLapsedAndLostCustomersOfHighPastValueOrClv() {
    assertEquals(List.of("tierA", "richClv"), ids("reactivation", null,
        Profile.of("tierA").stage("lost").tier("A").revenue(900).clv(1.0),
        Profile.of("richClv").stage("lapsed").tier("C").revenue(80).clv(150.0),
        Profile.of("poor").stage("lapsed").tier("C").revenue(80).clv(20.0),
        Profile.of("active").stage("active").tier("A")));
  }

  @Test
  void winBackNeedsAtRiskHighChurnAndClv() {
    assertEquals(List.of("yes"), ids("win-back", null,
        Profile.of("yes").stage("at risk").churn(0.8).clv(200.0),
        Profile.of("lowChurn").stage("at risk").churn(0.2).clv(200.0),
        Profile.of("lowClv").stage("at risk").churn(0.9).clv(10.0),
        Profile.of("active").stage("active").churn(0.9).clv(500.0)));
  }

  @Test
  void newsletterConversionTakesEngagedProspectsValuedAtTheMeanBuyerRevenue() {
    List<CustomerProfile> customers = List.of(
        Profile.of("engaged").prospect().sessions(3).build(),
        Profile.of("idle").prospect().build(),
        Profile.of("buyer").revenue(120).sessions(5).build(),
        Profile.of("buyer2").revenue(80).build());
    List<Recommendation> r = CampaignSelector.select(Campaigns.defaults().get("newsletter-conversion"), customers, null);
    assertEquals(List.of("engaged"), r.stream().map(Recommendation::customerId).toList());
    assertEquals(100, r.get(0).valueAtStake(), 1e-9);
    assertEquals("never bought, 3 web sessions in the last 30 days", r.get(0).reason());
  }

  @Test
  void keyAccountsComeB2bThenB2gThenB2cEachByClv() {
    assertEquals(List.of("b2b", "b2g-rich", "b2g", "b2c-rich"), ids("key-accounts", null,
        Profile.of("b2c-rich").tier("A").clv(9000.0),
        Profile.of("b2g").tier("A").type("B2G").clv(10.0),
        Profile.of("b2b").tier("A").type("B2B").clv(5.0),
        Profile.of("b2g-rich").tier("A").type("B2G").clv(800.0),
        Profile.of("tierB").tier("B").type("B2B").clv(5000.0)));
  }

  @Test
  void satisfactionCheckTakesPoorScoresAndRecentUnsurveyedBuyers() {
    assertEquals(List.of("badCsat", "detractor", "recent"), ids("satisfaction-check", null,
        Profile.of("badCsat").csat(2).clv(300.0),
        Profile.of("detractor").csat(5).nps(4).clv(200.0),
        Profile.of("recent").recency(10).clv(100.0),
        Profile.of("happy").csat(5).nps(9),
        Profile.of("oldBuyer").recency(200)));
  }

  @Test
  void crossSellOffersTheRuleItemValuedAtItsMeanLineAmount() {
    PurchaseHistory history = new PurchaseHistory(AssociationRulesTest.breakfastBaskets(),
        Map.of("C1", Set.of("butter"), "C2", Set.of("bread", "butter"), "C3", Set.of("bread")),
        Map.of("bread", 3.5, "butter", 2.0, "milk", 1.0));
    List<CustomerProfile> customers = List.of(Profile.of("C1").build(), Profile.of("C2").build(), Profile.of("C3").build(),
        Profile.of("P").prospect().build());
    Campaign campaign = Campaigns.fromMap(Map.of("cross-sell", Map.of("min_support", 0.3, "min_confidence", 0.7))).get("cross-sell");
    List<Recommendation> r = CampaignSelector.select(campaign, customers, history);
    assertEquals(List.of("C1", "C3"), r.stream().map(Recommendation::customerId).toList());
    assertEquals("10 % on bread", r.get(0).offer());
    assertEquals(3.5, r.get(0).valueAtStake(), 0);
    assertEquals("butter", r.get(1).rule().consequent());
    assertTrue(r.get(0).reason().startsWith("bought butter -> bread (support 60.0 %, confidence 100.0 %, lift 1.25)"), r.get(0).reason());
  }
}
