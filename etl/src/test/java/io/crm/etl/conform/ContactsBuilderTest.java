package io.crm.etl.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contacts: latest state per contact, consent with its time, e-mails normalised, customers linked. */
class ContactsBuilderTest {
  @TempDir static Path dir;
  static ConformRun run;

  static Timestamp at(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }

  @BeforeAll
  static void conform() {
    run = new ConformRun(dir);
    BronzeFixtures.contacts()
        // K1: not subscribed, subscribes (the export gives no opt-in time), then moves
        .contact("K1", "2024-01-01T08:00:00Z").customer("C1").email("Jan@Example.de").name("Jan", "Alt").created("2023-12-01T08:00:00Z").optIn(false, null)
        .contact("K1", "2024-02-01T08:00:00Z").customer("C1").email("Jan@Example.de").name("Jan", "Alt").optIn(true, null)
        .contact("K1", "2024-03-01T08:00:00Z").customer("C1").email(" JAN@example.de ").name("Jan", "Neu").country("Germany").type("b2b").optIn(true, null)
        // K2: subscribed with a time, later unsubscribed
        .contact("K2", "2023-05-05T08:00:00Z").email("kim@example.com").optIn(true, "2023-05-05T07:59:00Z")
        .contact("K2", "2024-02-10T08:00:00Z").email("kim@example.com").optIn(false, null)
        // K3: a broken address
        .contact("K3", "2024-01-01T08:00:00Z").email("kai(at)example").optIn(true, "2024-01-01T08:00:00Z")
        .writeTo(run.bronze, "contacts", "2024-03-02");
    // a stale state of K1 exported again later must not win over the newer one
    BronzeFixtures.contacts()
        .file("re-export.csv")
        .contact("K1", "2024-01-01T08:00:00Z").customer("C1").email("Jan@Example.de").name("Jan", "Alt").optIn(false, null)
        .writeTo(run.bronze, "contacts", "2024-03-05");
    // the ERP numbers its contacts on its own: its K1 is another contact
    BronzeFixtures.contacts()
        .contact("K1", "2024-02-15T08:00:00Z").customer("C7").email("lea@example.at").optIn(false, null)
        .writeTo(run.bronze, "contacts_de", "2024-03-02");
    // Kim also bought, as registered customer C2
    BronzeFixtures.transactions()
        .line("O1", "2024-02-01T10:00:00Z").customer("C2").email("Kim@Example.com").item("A", 1, "10.00")
        .writeTo(run.bronze, "transactions", "2024-03-02");
    run.run();
  }

  private static Row contact(String source, String id) {
    List<Row> r = run.rows("contacts", "source = '" + source + "' AND contact_id = '" + id + "'");
    assertEquals(1, r.size(), source + "/" + id);
    return r.get(0);
  }

  @Test
  void latestStateWinsWithConsentSinceTheStartOfTheCurrentOptIn() {
    Row k1 = contact("contacts", "K1");
    assertEquals("Neu", k1.getAs("last_name"));
    assertEquals("jan@example.de", k1.getAs("email"));
    assertTrue((Boolean) k1.getAs("is_email_valid"));
    assertEquals("DE", k1.getAs("country"));
    assertEquals("B2B", k1.getAs("customer_type"));
    assertTrue((Boolean) k1.getAs("is_newsletter_opt_in"));
    assertEquals(at("2024-02-01T08:00:00Z"), k1.getAs("opted_in_at"));
    assertEquals(at("2024-03-01T08:00:00Z"), k1.getAs("updated_at"));
    assertEquals(at("2023-12-01T08:00:00Z"), k1.getAs("created_at"));
    assertEquals("C1", k1.getAs("customer_id"));
  }

  @Test
  void optOutClearsConsent() {
    Row k2 = contact("contacts", "K2");
    assertFalse((Boolean) k2.getAs("is_newsletter_opt_in"));
    assertNull(k2.getAs("opted_in_at"));
    // linked through the e-mail to the customer who bought under it
    assertEquals("C2", k2.getAs("customer_id"));
  }

  @Test
  void invalidEmailsAreFlaggedAndExplicitOptInTimesKept() {
    Row k3 = contact("contacts", "K3");
    assertFalse((Boolean) k3.getAs("is_email_valid"));
    assertEquals("kai(at)example", k3.getAs("email"));
    assertNull(k3.getAs("customer_id"));
    assertEquals(at("2024-01-01T08:00:00Z"), k3.getAs("opted_in_at"));
  }

  @Test
  void contactSourcesAreUnionedAndKeyedPerSource() {
    assertEquals(4, run.table("contacts").count());
    assertEquals("C7", contact("contacts_de", "K1").getAs("customer_id"));
    Row c1 = run.rows("customers", "customer_id = 'C1'").get(0);
    assertEquals("B2B", c1.getAs("customer_type"));
    assertEquals("DE", c1.getAs("country"));
    assertEquals(at("2023-12-01T08:00:00Z"), c1.getAs("created_at"));
  }
}
