package io.crm.etl.ingest;

import static io.crm.etl.ingest.IngestFixture.map;
import static io.crm.etl.ingest.IngestFixture.source;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crm.etl.source.SourceConfig;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A German shop export: Windows-1252, ';', decimal comma, dd.MM.yyyy, German status words. */
class GermanDialectIngestTest {
  static final Charset CP1252 = Charset.forName("windows-1252");

  @TempDir Path home;

  static SourceConfig germanShop() {
    return source(
        "shop_de", "kind", "transactions", "path", "landing/shop_de/*.csv",
        "dialect",
        map(
            "delimiter", ";", "encoding", "windows-1252", "decimal", ",",
            "timestamp_format", "dd.MM.yyyy HH:mm", "date_format", "dd.MM.yyyy", "timezone", "Europe/Berlin"),
        "columns",
        map(
            "order_id", "Bestellnr", "order_ts", "Datum", "customer_id", "Kundennr", "email", "E-Mail",
            "sku", "Artikel", "product_name", "Bezeichnung", "quantity", "Menge", "unit_price", "Einzelpreis",
            "discount", "Rabatt", "currency", "Währung", "status", "Status"),
        "defaults", map("currency", "EUR"),
        "status", map("completed", List.of("abgeschlossen", "geliefert"), "cancelled", List.of("storniert"), "returned", List.of("Retoure")));
  }

  @Test
  void readsWindows1252SemicolonDecimalCommaAndGermanDates() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing(
        "shop_de/export_2024-02.csv",
        "Bestellnr;Datum;Kundennr;E-Mail;Artikel;Bezeichnung;Menge;Einzelpreis;Rabatt;Währung;Status\r\n"
            + "A-1;03.02.2024 14:30;K-100;jürgen.müller@example.de;SKU1;Größe M Trikot;2;1.234,50;0,50;EUR;abgeschlossen\r\n"
            + "A-2;04.02.2024;K-101;;SKU2;\"Schuhe \"\"Öko\"\"; leicht\";1;19,99;;;storniert\r\n"
            + "A-3;31.02.2024 10:00;K-102;;SKU3;Socken;1;5,00;;EUR;abgeschlossen\r\n"
            + "A-4;05.02.2024 09:15;K-103;;SKU4;Mütze;-1;12,5;;EUR;RETOURE\r\n",
        CP1252);

    SourceResult r = ws.ingest(germanShop());

    assertEquals(4, r.read());
    assertEquals(3, r.loaded());
    assertEquals(1, r.quarantined());
    List<Row> rows = ws.bronze("shop_de").orderBy("order_id").collectAsList();
    Row a1 = rows.get(0);
    assertEquals("A-1", a1.getAs("order_id"));
    assertEquals(Timestamp.from(Instant.parse("2024-02-03T13:30:00Z")), a1.getAs("order_ts")); // CET = UTC+1
    assertEquals("jürgen.müller@example.de", a1.getAs("email"));
    assertEquals("Größe M Trikot", a1.getAs("product_name"));
    assertEquals(new BigDecimal("1234.5000"), a1.getAs("unit_price"));
    assertEquals(new BigDecimal("0.5000"), a1.getAs("discount"));
    assertEquals(new BigDecimal("2468.5000"), a1.getAs("amount")); // 2 x 1,234.50 - 0.50
    assertEquals("completed", a1.getAs("status"));
    Row a2 = rows.get(1);
    assertEquals(Timestamp.from(Instant.parse("2024-02-03T23:00:00Z")), a2.getAs("order_ts")); // date only: midnight Berlin
    assertEquals("Schuhe \"Öko\"; leicht", a2.getAs("product_name"));
    assertEquals("EUR", a2.getAs("currency")); // blank -> default
    assertEquals("cancelled", a2.getAs("status"));
    Row a4 = rows.get(2);
    assertEquals(-1, (int) a4.getAs("quantity"));
    assertEquals("returned", a4.getAs("status"));
    assertEquals(new BigDecimal("-12.5000"), a4.getAs("amount"));

    Row bad = ws.quarantine("shop_de").first();
    assertEquals("bad_date", bad.getAs("reason"));
    assertEquals(4L, (long) bad.getAs("_line"));
    assertEquals("A-3;31.02.2024 10:00;K-102;;SKU3;Socken;1;5,00;;EUR;abgeschlossen", bad.getAs("raw_text"));
    assertEquals(1, ws.bronze("shop_de").where(col("_line").equalTo(2)).count());
  }
}
