package io.crm.etl.ingest;

import static io.crm.etl.ingest.IngestFixture.assertReconciles;
import static io.crm.etl.ingest.IngestFixture.map;
import static io.crm.etl.ingest.IngestFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contacts (BOM, German ERP export) and surveys (quoted comments over several lines). */
class ContactsAndSurveysIngestTest {
  @TempDir Path home;

  @Test
  void contactsWithBomAndGermanErpExport() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ByteArrayOutputStream bom = new ByteArrayOutputStream();
    bom.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bom.write(("contact_id,email,first_name,newsletter_opt_in,opt_in_ts\n"
        + "1,anna@example.com,Anna,yes,2024-05-01T08:00:00Z\n"
        + "2,,Bob,no,\n"
        + "3,carl@example.com,Carl,maybe,\n").getBytes(StandardCharsets.UTF_8));
    ws.write("contacts/newsletter.csv", bom.toByteArray());
    ws.landing(
        "contacts_de/erp.csv",
        "Kontakt-Nr;Kundennummer;E-Mail;Vorname;Nachname;Newsletter;Angelegt am\n"
            + "K1;100;peter.schäfer@example.de;Peter;Schäfer;ja;01.03.2023 09:30\n"
            + "K2;101;;Jörg;Weiß;nein;15.03.2023 17:05\n",
        Charset.forName("windows-1252"));

    SourceResult plain = ws.ingest(source("contacts", "kind", "contacts", "path", "landing/contacts/*.csv"));
    SourceResult german =
        ws.ingest(
            source(
                "contacts_de", "kind", "contacts", "path", "landing/contacts_de/*.csv",
                "dialect", map("delimiter", ";", "encoding", "windows-1252", "decimal", ",", "timestamp_format", "dd.MM.yyyy HH:mm", "date_format", "dd.MM.yyyy", "timezone", "Europe/Berlin"),
                "columns", map("contact_id", "Kontakt-Nr", "customer_id", "Kundennummer", "email", "E-Mail", "first_name", "Vorname", "last_name", "Nachname", "newsletter_opt_in", "Newsletter", "created_ts", "Angelegt am")));

    assertReconciles(plain);
    assertEquals(2, plain.loaded()); // the header's BOM did not hide the contact_id column
    assertEquals(Map.of("out_of_range", 1L), plain.quarantinedByReason());
    List<Row> rows = ws.bronze("contacts").orderBy("contact_id").collectAsList();
    assertTrue((Boolean) rows.get(0).getAs("newsletter_opt_in"));
    assertFalse((Boolean) rows.get(1).getAs("newsletter_opt_in"));
    assertEquals(2, german.loaded());
    Row k1 = ws.bronze("contacts_de").orderBy("contact_id").first();
    assertEquals("Schäfer", k1.getAs("last_name"));
    assertTrue((Boolean) k1.getAs("newsletter_opt_in"));
    assertEquals(Timestamp.from(Instant.parse("2023-03-01T08:30:00Z")), k1.getAs("created_ts"));
  }

  @Test
  void surveyCommentsSpanLinesAndAnUnclosedQuoteSpoilsOneRecordOnly() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing(
        "surveys/s.csv",
        "response_id,customer_id,ts,touchpoint,csat,nps,comment\r\n"
            + "r1,c1,2024-06-01T12:00:00Z,delivery,5,10,\"Fast,\r\nfriendly \"\"driver\"\"\"\r\n"
            + "r2,c2,2024-06-02T12:00:00Z,service,6,3,too high csat\r\n"
            + "r3,c3,2024-06-03T12:00:00Z,sales,2,0,\"never closed\r\n"
            + "r4,c4,2024-06-04T12:00:00Z,sales,4,11,nps too high\r\n"
            + "r5,c5,2024-06-05T12:00:00Z,sales,3,7,fine\r\n",
        StandardCharsets.UTF_8);

    SourceResult r = ws.ingest(source("surveys", "kind", "surveys", "path", "landing/surveys/s.csv"));

    assertReconciles(r);
    assertEquals(5, r.read());
    assertEquals(2, r.loaded());
    assertEquals(Map.of("out_of_range", 2L, "unparseable", 1L), r.quarantinedByReason());
    List<Row> rows = ws.bronze("surveys").orderBy("response_id").collectAsList();
    assertEquals("Fast,\nfriendly \"driver\"", rows.get(0).getAs("comment"));
    assertEquals(2L, (long) rows.get(0).getAs("_line"));
    assertEquals("r5", rows.get(1).getAs("response_id"));
    assertEquals(7L, (long) rows.get(1).getAs("_line"));
    Row unclosed = ws.quarantine("surveys").where("reason = 'unparseable'").first();
    assertEquals(5L, (long) unclosed.getAs("_line"));
  }
}
