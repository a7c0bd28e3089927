package io.crm.etl.ingest;

import static io.crm.etl.ingest.IngestFixture.assertReconciles;
import static io.crm.etl.ingest.IngestFixture.map;
import static io.crm.etl.ingest.IngestFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.etl.source.SourceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An invoice export as retailers send it: no status column (a cancellation is an invoice number
 * starting with C), guests without customer id or e-mail, two lines of one invoice that differ
 * only in their description.
 */
class InvoiceExportIngestTest {
  @TempDir Path home;

  /** A small invoice export in the layout of the public online-retail data set. */
  static String invoices() {
    return "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
        + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
        + "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom\n"
        + "C536379,D,Discount,-1,12/1/2010 9:41,27.50,14527,United Kingdom\n"
        + "536414,22139,,56,12/1/2010 11:52,0.00,,United Kingdom\n"
        + "536544,21773,DECORATIVE ROSE BATHROOM BOTTLE,1,12/1/2010 14:32,2.51,,United Kingdom\n"
        + "536544,21773,DECORATIVE CATS BATHROOM BOTTLE,1,12/1/2010 14:32,2.51,,United Kingdom\n"
        + "536591,22139,RETROSPOT TEA SET CERAMIC 11 PC,2,12/1/2010 16:57,4.95,14606,EIRE\n"
        + "536591,22139,SPACEBOY TEA SET CERAMIC 11 PC,2,12/1/2010 16:57,4.95,14606,EIRE\n";
  }

  static Object[] invoiceSource(String path, Object... extra) {
    Object[] base = {
      "kind", "transactions", "path", path,
      "dialect", map("timestamp_format", "M/d/yyyy H:mm", "timezone", "Europe/London"),
      "columns", map("order_id", "InvoiceNo", "sku", "StockCode", "product_name", "Description", "quantity", "Quantity",
          "order_ts", "InvoiceDate", "unit_price", "UnitPrice", "customer_id", "CustomerID", "country", "Country"),
      "defaults", map("currency", "GBP")
    };
    Object[] all = new Object[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void cancellationsByPrefixAndAnonymousSalesAreLoaded() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("retail/invoices.csv", invoices(), StandardCharsets.UTF_8);

    SourceResult r = ws.ingest(source("retail", invoiceSource("landing/retail/*.csv",
        "derive", map("status", List.of(map("column", "InvoiceNo", "prefix", "C", "value", "cancelled"))))));

    assertReconciles(r);
    assertEquals(8, r.read());
    assertEquals(8, r.loaded(), r.toString());
    assertEquals(0, r.duplicates(), "lines differing only in their description are two lines");
    assertEquals(3, r.anonymous(), "the three lines without customer id or e-mail");
    List<Row> rows = ws.bronze("retail").orderBy("_line").collectAsList();
    assertEquals("cancelled", rows.get(2).getAs("status"));
    assertEquals("C536379", rows.get(2).getAs("order_id"));
    assertEquals(7, rows.stream().filter(x -> "completed".equals(x.getAs("status"))).count());
  }

  @Test
  void aRuleOnAColumnTheHeaderLacksRefusesTheFile() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("retail/invoices.csv", invoices(), StandardCharsets.UTF_8);

    SourceResult r = ws.ingest(source("retail", invoiceSource("landing/retail/*.csv",
        "derive", map("status", List.of(map("column", "InvoiceType", "prefix", "C", "value", "cancelled"))))));

    assertEquals(0, r.read(), "the file was not read");
    assertEquals(1, r.refused().size(), r.toString());
    assertTrue(r.refused().get(0).reason().startsWith("the header has no column InvoiceType (read by sources.retail.derive)"),
        r.refused().get(0).reason());
  }

  @Test
  void aSourceMayStillRequireACustomerKey() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("retail/invoices.csv", invoices(), StandardCharsets.UTF_8);

    SourceResult r = ws.ingest(source("retail", invoiceSource("landing/retail/*.csv", "require_customer", true)));

    assertReconciles(r);
    assertEquals(5, r.loaded());
    assertEquals(0, r.anonymous());
    assertEquals(Map.of("missing_required", 3L), r.quarantinedByReason());
  }

  @Test
  void regexAndSqlRulesDeriveStatusAndOtherFields() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("retail/invoices.csv", invoices(), StandardCharsets.UTF_8);

    SourceResult r = ws.ingest(source("retail", invoiceSource("landing/retail/*.csv",
        "derive", map(
            "status", List.of(map("sql",
                "CASE WHEN startswith(InvoiceNo, 'C') THEN 'cancelled' WHEN try_cast(Quantity AS INT) < 0 THEN 'returned' END")),
            "channel", List.of(
                map("column", "StockCode", "regex", "^[A-Z]$", "value", "adjustment"),
                map("column", "Country", "prefix", "United", "value", "web"))))));

    assertReconciles(r);
    assertEquals(8, r.loaded(), r.toString());
    List<Row> rows = ws.bronze("retail").orderBy("_line").collectAsList();
    assertEquals("cancelled", rows.get(2).getAs("status"));
    assertEquals("adjustment", rows.get(2).getAs("channel"));
    assertEquals("web", rows.get(0).getAs("channel"));
    assertNull(rows.get(6).getAs("channel"), "EIRE matches no channel rule");
    assertEquals("completed", rows.get(0).getAs("status"), "no rule matched: the default status");
    assertEquals(List.of("order_id", "order_ts"), List.of(rows.get(0).schema().fieldNames()).subList(0, 2));
    assertFalse(List.of(rows.get(0).schema().fieldNames()).contains("_raw_columns"), "raw columns stay out of bronze");
  }

  @Test
  void aSqlRuleYieldingNoStatusQuarantinesTheRowWithTheValue() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("retail/invoices.csv", invoices(), StandardCharsets.UTF_8);

    SourceResult r = ws.ingest(source("retail", invoiceSource("landing/retail/*.csv",
        "derive", map("status", map("sql", "CASE WHEN InvoiceNo LIKE 'C%' THEN 'storno' END")))));

    assertReconciles(r);
    assertEquals(Map.of("out_of_range", 1L), r.quarantinedByReason());
    Row q = ws.quarantine("retail").first();
    assertTrue(((String) q.getAs("detail")).contains("'storno'"), (String) q.getAs("detail"));
    assertTrue(((String) q.getAs("raw_text")).startsWith("C536379,"));
  }

  @Test
  void badRulesAreRefusedWithTheirPath() {
    IllegalArgumentException regex = assertThrows(IllegalArgumentException.class, () -> source("retail", invoiceSource("x",
        "derive", map("status", List.of(map("column", "InvoiceNo", "regex", "^C(", "value", "cancelled"))))));
    assertTrue(regex.getMessage().startsWith("sources.retail.derive.status[0].regex: '^C('"), regex.getMessage());
    IllegalArgumentException value = assertThrows(IllegalArgumentException.class, () -> source("retail", invoiceSource("x",
        "derive", map("status", List.of(map("column", "InvoiceNo", "prefix", "C", "value", "storno"))))));
    assertTrue(value.getMessage().contains("'storno'"), value.getMessage());
    IllegalArgumentException sql = assertThrows(IllegalArgumentException.class, () -> source("retail", invoiceSource("x",
        "derive", map("status", map("sql", "CASE WHEN InvoiceNo LIKE 'C%' THEN")))));
    assertTrue(sql.getMessage().startsWith("sources.retail.derive.status[0].sql: 'CASE WHEN"), sql.getMessage());
    IllegalArgumentException numeric = assertThrows(IllegalArgumentException.class, () -> source("retail", invoiceSource("x",
        "derive", map("quantity", map("column", "Quantity", "prefix", "-", "value", "1")))));
    assertTrue(numeric.getMessage().startsWith("sources.retail.derive.quantity: only text fields"), numeric.getMessage());
    IllegalArgumentException unknownFunction = assertThrows(IllegalArgumentException.class, () -> {
      IngestFixture ws = new IngestFixture(home);
      ws.landing("retail/invoices.csv", invoices(), StandardCharsets.UTF_8);
      SourceConfig c = source("retail", invoiceSource("landing/retail/*.csv", "derive", map("status", map("sql", "no_such_fn(InvoiceNo)"))));
      ws.ingest(c);
    });
    assertTrue(unknownFunction.getMessage().startsWith("sources.retail.derive.status: 'no_such_fn(InvoiceNo)' cannot be evaluated"),
        unknownFunction.getMessage());
  }
}
