package io.crm.etl.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identity stitching on a small hand-made graph of customers, e-mails, orders and cookies. */
class IdentityResolutionTest {
  @TempDir static Path dir;
  static ConformRun run;
  static ConformResult result;

  @BeforeAll
  static void conform() {
    run = new ConformRun(dir);
    BronzeFixtures.transactions()
        // Anna: registered customer C100
        .line("O1", "2024-03-01T10:00:00Z").customer("C100").email(" Anna.Meier@Example.com ").item("A", 1, "20.00")
        // Bob orders as a guest first, registers later as C200 with the same address, other spelling
        .line("O2", "2024-02-01T09:00:00Z").email("bob@example.org").item("B", 2, "5.00")
        .line("O3", "2024-04-01T09:00:00Z").customer("C200").email(" BOB@Example.ORG").item("A", 1, "20.00")
        // a guest with an unusable address, and a guest known only by e-mail
        .line("O4", "2024-03-05T12:00:00Z").email("not-an-email").item("A", 1, "20.00")
        .line("O5", "2024-03-06T12:00:00Z").email("Dora@Example.com").item("B", 1, "5.00")
        // Eve has two accounts with one e-mail: one person, named by the smaller id
        .line("O6", "2024-03-07T12:00:00Z").customer("C500").email("eve@example.com").item("A", 1, "20.00")
        .line("O7", "2024-03-08T12:00:00Z").customer("C400").email("Eve@example.com").item("B", 1, "5.00")
        .writeTo(run.bronze, "transactions", "2024-04-02");
    // Anna's newsletter contact uses another address; the shared customer_id links the two
    BronzeFixtures.contacts()
        .contact("K-1", "2024-01-15T08:00:00Z").customer("C100").email("anna.meier+news@example.com").optIn(true, "2024-01-15T08:00:00Z")
        .writeTo(run.bronze, "contacts", "2024-04-02");
    BronzeFixtures.webEvents()
        // cookie ck-anna browses anonymously, then logs in as C100
        .event("e1", "page_view", "2024-02-20T10:00:00Z", "ck-anna").url("https://shop.example/")
        .event("e2", "login", "2024-02-20T10:02:00Z", "ck-anna").user("C100").url("https://shop.example/login")
        // cookie ck-bob never logs in but confirms Bob's guest order
        .event("e3", "purchase", "2024-02-01T09:01:00Z", "ck-bob").order("O2").url("https://shop.example/checkout/confirmation")
        // cookie ck-anon: nothing links it
        .event("e4", "page_view", "2024-02-21T10:00:00Z", "ck-anon").url("https://shop.example/p/A")
        // a bot logging in links nothing
        .event("e5", "login", "2024-02-22T10:00:00Z", "ck-bot").user("C500").set("is_bot", true)
        .writeTo(run.bronze, "web_events", "2024-04-02");
    BronzeFixtures.webLogs()
        // a log line with a logged-in user ties cookie ck-web to web-only user W9
        .get("2024-03-10T10:00:00Z", "/account").cookie("ck-web").user("W9")
        // an order confirmation URL ties cookie ck-eve to order O6 (person C400)
        .get("2024-03-07T12:01:00Z", "/checkout/confirmation?order_id=O6").cookie("ck-eve")
        .writeTo(run.bronze, "web_logs", "2024-04-02");
    result = run.run();
  }

  @Test
  void everySilverTableCarriesTheKeyedHashOfItsCustomerId() {
    assertEquals(ConformRun.KEYS.of("C100"), run.rows("customers", "customer_id = 'C100'").get(0).getAs("customer_key"));
    for (String table : List.of("identities", "customers", "orders", "order_lines", "contacts", "sessions", "page_views")) {
      int keyed = 0;
      for (Row r : run.rows(table, null)) {
        String id = r.getAs("customer_id");
        assertEquals(ConformRun.KEYS.of(id), r.getAs("customer_key"), table + " row of customer " + id);
        keyed += id == null ? 0 : 1;
      }
      assertTrue(keyed > 0, table + " has no row with a customer to check");
    }
  }

  @Test
  void cookieStitchedThroughLoginResolvesToTheCustomer() {
    assertEquals("C100", run.personOf("cookie", "ck-anna"));
    List<Row> sessions = run.rows("sessions", "cookie_id = 'ck-anna'");
    assertEquals(1, sessions.size());
    assertEquals("C100", sessions.get(0).getAs("customer_id"));
  }

  @Test
  void twoSpellingsOfOnePersonResolveToOneCustomer() {
    assertEquals("C100", run.personOf("email", "anna.meier@example.com"));
    assertEquals("C100", run.personOf("email", "anna.meier+news@example.com"));
    assertEquals("C100", run.personOf("customer_id", "C100"));
    List<Row> anna = run.rows("customers", "customer_id = 'C100'");
    assertEquals(1, anna.size());
    assertEquals(List.of("C100"), anna.get(0).getList(anna.get(0).fieldIndex("source_customer_ids")));
    // the e-mail of the latest contact is the primary one
    assertEquals("anna.meier+news@example.com", anna.get(0).getAs("email"));
  }

  @Test
  void guestOrderLinksToTheLaterRegisteredCustomerWithThatEmail() {
    Row o2 = run.rows("orders", "order_id = 'O2'").get(0);
    assertEquals("C200", o2.getAs("customer_id"));
    assertTrue((Boolean) o2.getAs("is_guest"));
    assertFalse((Boolean) run.rows("orders", "order_id = 'O3'").get(0).getAs("is_guest"));
    // the cookie that confirmed the guest order belongs to the same person
    assertEquals("C200", run.personOf("cookie", "ck-bob"));
    Row bob = run.rows("customers", "customer_id = 'C200'").get(0);
    assertEquals(java.sql.Timestamp.from(java.time.Instant.parse("2024-02-01T09:00:00Z")), bob.getAs("first_order_at"));
  }

  @Test
  void accountsSharingAnEmailAreOnePersonNamedBySmallestId() {
    assertEquals("C400", run.personOf("customer_id", "C500"));
    assertEquals("C400", run.personOf("customer_id", "C400"));
    Row eve = run.rows("customers", "customer_id = 'C400'").get(0);
    assertEquals(List.of("C400", "C500"), eve.getList(eve.fieldIndex("source_customer_ids")));
    assertEquals(0, run.rows("customers", "customer_id = 'C500'").size());
    assertEquals("C400", run.personOf("cookie", "ck-eve"));
  }

  @Test
  void guestsKnownOnlyByEmailArePersonsKeyedByEmail() {
    assertEquals("email:dora@example.com", run.rows("orders", "order_id = 'O5'").get(0).getAs("customer_id"));
    Row dora = run.rows("customers", "customer_id = 'email:dora@example.com'").get(0);
    assertEquals(0, dora.getList(dora.fieldIndex("source_customer_ids")).size());
    assertFalse((Boolean) dora.getAs("is_registered"));
  }

  @Test
  void invalidEmailIsFlaggedAndLinksNothing() {
    Row bad = run.rows("identities", "identity_type = 'email' AND identity_value = 'not-an-email'").get(0);
    assertFalse((Boolean) bad.getAs("is_valid"));
    assertNull(bad.getAs("customer_id"));
    assertNull(run.rows("orders", "order_id = 'O4'").get(0).getAs("customer_id"));
    assertEquals(1, result.unresolvedOrders());
  }

  @Test
  void webLoginsMakeWebOnlyUsersAndUnlinkedCookiesStayAnonymous() {
    assertEquals("W9", run.personOf("cookie", "ck-web"));
    assertNull(run.personOf("cookie", "ck-anon"));
    assertEquals(0, run.rows("identities", "identity_value = 'ck-bot'").size(), "bot cookies are not identities");
    assertEquals(0, run.rows("identities", "identity_type = 'customer_id' AND identity_value = 'C500' AND customer_id = 'C500'").size());
  }

  @Test
  void everyPersonIsCountedOnceAndReRunsGiveTheSameIds() {
    // C100, C200, C400 (with C500), W9 and dora@ are the persons
    assertEquals(5, run.table("customers").count());
    assertEquals(5, result.persons());
    List<Row> before = run.rows("identities", null, "identity_type", "identity_value");
    run.run();
    List<Row> after = run.rows("identities", null, "identity_type", "identity_value");
    assertEquals(before, after);
  }
}
