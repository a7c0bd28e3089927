package io.crm.etl.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real shop's export through conform: anonymous sales, lines that differ only in their
 * description, a return-only order, and the country spellings of English and German exports.
 */
class ShopExportConformTest {
  @TempDir static Path dir;
  static ConformRun run;
  static ConformResult result;

  @BeforeAll
  static void conform() {
    run = new ConformRun(dir);
    BronzeFixtures.transactions()
        // A1: an anonymous sale (no customer id, no e-mail)
        .line("A1", "2024-03-01T10:00:00Z").item("A", 2, "10.00").country("United Kingdom")
        // P1: two lines that differ only in their description: two lines, both kept
        .line("P1", "2024-03-02T10:00:00Z").customer("C1").item("B", 1, "4.95").set("product_name", "RETROSPOT TEA SET").country("EIRE")
        .line("P1", "2024-03-02T10:00:00Z").customer("C1").item("B", 1, "4.95").set("product_name", "SPACEBOY TEA SET").country("EIRE")
        // P2: the same line from an overlapping export: kept once
        .line("P2", "2024-03-03T10:00:00Z").customer("C1").item("A", 1, "10.00").country("  deutschland ")
        .file("overlap.csv")
        .line("P2", "2024-03-03T10:00:00Z").customer("C1").item("A", 1, "10.00").country("  deutschland ")
        // R1: C2 only ever sent something back
        .line("R1", "2024-03-04T10:00:00Z").customer("C2").item("A", -1, "10.00").country("Österreich")
        // U1: a country no ISO table knows
        .line("U1", "2024-03-05T10:00:00Z").customer("C3").item("A", 1, "10.00").country("Channel  Islands")
        .line("U2", "2024-03-05T11:00:00Z").customer("C3").item("A", 1, "10.00").country("RSA")
        // F1: a free sample, nothing returned: a purchase; B1: bought and all of it sent back: none
        .line("F1", "2024-03-06T10:00:00Z").customer("C4").item("Z", 1, "0.00")
        .line("B1", "2024-03-07T10:00:00Z").customer("C5").item("A", 1, "10.00").status("returned")
        .writeTo(run.bronze, "transactions", "2024-04-01");
    BronzeFixtures.contacts()
        .contact("K1", "2024-03-01T00:00:00Z").customer("C1").email("c1@example.org").country("Vereinigtes Königreich")
        .contact("K2", "2024-03-01T00:00:00Z").customer("C3").email("c3@example.org").country("European Community")
        .writeTo(run.bronze, "contacts", "2024-04-01");
    result = run.run();
  }

  private static Row order(String id) {
    List<Row> r = run.rows("orders", "order_id = '" + id + "'");
    assertEquals(1, r.size(), id);
    return r.get(0);
  }

  private static void assertMoney(String expected, Object actual) {
    assertEquals(0, new BigDecimal(expected).compareTo((BigDecimal) actual), "expected " + expected + " but was " + actual);
  }

  @Test
  void anAnonymousSaleIsAnOrderWithoutACustomer() {
    Row a1 = order("A1");
    assertTrue((Boolean) a1.getAs("is_anonymous"));
    assertTrue((Boolean) a1.getAs("is_guest"));
    assertNull(a1.getAs("customer_id"));
    assertFalse((Boolean) a1.getAs("is_purchase"), "no customer, so no customer's purchase");
    assertMoney("20", a1.getAs("net_amount"));
    assertEquals(1, result.anonymousOrders());
    assertEquals(0, result.unresolvedOrders(), "anonymous is not unresolved");
    assertFalse((Boolean) order("P1").getAs("is_anonymous"));
  }

  @Test
  void linesDifferingOnlyInTheirDescriptionAreBothKept() {
    assertEquals(2, run.rows("order_lines", "order_id = 'P1'").size());
    assertMoney("9.90", order("P1").getAs("net_amount"));
    assertEquals(1, run.rows("order_lines", "order_id = 'P2'").size());
    assertEquals(1, result.duplicateOrderLines(), "only the overlapping export's copy of P2");
    BigDecimal revenue = run.table("orders").where("status <> 'cancelled'").agg(org.apache.spark.sql.functions.sum("net_amount")).first().getDecimal(0);
    assertMoney("49.90", revenue); // 20 + 9.90 + 10 - 10 + 10 + 10: every real line once, the anonymous sale included
  }

  @Test
  void aReturnOnlyOrderIsNoPurchase() {
    Row r1 = order("R1");
    assertMoney("-10", r1.getAs("net_amount"));
    assertFalse((Boolean) r1.getAs("is_purchase"));
    assertTrue((Boolean) order("P1").getAs("is_purchase"));
    assertTrue((Boolean) order("F1").getAs("is_purchase"), "a sale at price 0 is still a purchase");
    assertFalse((Boolean) order("B1").getAs("is_purchase"), "everything sold came back");
    assertMoney("0", order("B1").getAs("net_amount"));
    Row c2 = run.rows("customers", "customer_id = 'C2'").get(0);
    assertNull(c2.getAs("first_order_at"), "a customer with only returns has no first purchase");
    assertTrue(run.rows("customers", "customer_id = 'C1'").get(0).getAs("first_order_at") != null);
  }

  @Test
  void countriesBecomeIsoCodesAndUnknownOnesAreKeptAndListed() {
    assertEquals("GB", order("A1").getAs("country"));
    assertEquals("IE", order("P1").getAs("country"));
    assertEquals("DE", order("P2").getAs("country"));
    assertEquals("AT", order("R1").getAs("country"));
    assertEquals("ZA", order("U2").getAs("country"));
    Row u1 = order("U1");
    assertEquals("Channel Islands", u1.getAs("country"));
    assertTrue((Boolean) u1.getAs("is_country_unknown"));
    assertFalse((Boolean) order("U2").getAs("is_country_unknown"));
    assertEquals("GB", run.rows("contacts", "contact_id = 'K1'").get(0).getAs("country"));
    assertEquals(Map.of("Channel Islands", 1L, "European Community", 1L), result.unknownCountries());
  }
}
