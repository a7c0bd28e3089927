package io.crm.etl.ingest;

import static io.crm.etl.ingest.IngestFixture.assertReconciles;
import static io.crm.etl.ingest.IngestFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crm.etl.source.SourceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * read = loaded + quarantined + duplicates, exactly, with overlapping exports: repeats inside one
 * file are kept (separate events), the same record in another file is a duplicate.
 */
class ReconciliationIngestTest {
  @TempDir Path home;

  /** No order_id column: like CDNOW, a repeated line inside one file is a second purchase. */
  static final String HEADER = "order_ts,customer_id,quantity,unit_price\n";
  static final String R1 = "2024-01-01T10:00:00Z,c1,1,10.00\n";
  static final String R2 = "2024-01-01T11:00:00Z,c2,1,20.00\n";
  static final String R3 = "2024-01-02T10:00:00Z,c3,2,5.00\n";
  static final String R4 = "2024-01-02T12:00:00Z,c4,1,7.50\n";
  static final String BAD = "not a date,c1,1,1.00\n";

  static SourceConfig orders() {
    // rows without customer are this fixture's rejects, not anonymous sales
    return source("orders", "kind", "transactions", "path", "landing/orders/*.csv", "require_customer", true);
  }

  @Test
  void overlappingExportsReconcileExactly() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("orders/day1.csv", HEADER + R1 + R2 + R3 + BAD, StandardCharsets.UTF_8);
    ws.landing("orders/day2.csv", HEADER + R3 + R4 + R4 + BAD, StandardCharsets.UTF_8);

    SourceResult first = ws.ingest(orders());

    assertReconciles(first);
    assertEquals(8, first.read());
    assertEquals(5, first.loaded()); // R1 R2 R3 from day1, R4 twice from day2
    assertEquals(1, first.quarantined()); // the bad row of day1
    assertEquals(2, first.duplicates()); // R3 and the bad row again in day2
    assertEquals(5, ws.bronze("orders").count());
    assertEquals(2, ws.bronze("orders").where("customer_id = 'c4'").count());
    assertEquals(1, ws.quarantine("orders").count());
    assertEquals(List.of(4L, 4L), first.files().stream().map(SourceResult.FileResult::read).toList());

    // the same export delivered again under another name adds nothing; a third R4 is new
    ws.landing("orders/day2_resent.csv", HEADER + R3 + R4 + R4 + BAD, StandardCharsets.UTF_8);
    ws.landing("orders/day3.csv", HEADER + R4 + R4 + R4, StandardCharsets.UTF_8);
    SourceResult second = ws.ingest(orders());

    assertReconciles(second);
    assertEquals(2, second.filesSkipped());
    assertEquals(7, second.read());
    assertEquals(1, second.loaded()); // the third R4 of day3
    assertEquals(0, second.quarantined());
    assertEquals(6, second.duplicates());
    assertEquals(3, ws.bronze("orders").where("customer_id = 'c4'").count());
  }

  @Test
  void withAnOrderIdASecondIdenticalLineInTheSameFileIsADuplicate() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    String header = "order_id,order_ts,customer_id,quantity,unit_price\n";
    String line = "A-1,2024-01-01T10:00:00Z,c1,1,10.00\n";
    ws.landing("orders/a.csv", header + line + line + "A-2,2024-01-01T10:00:00Z,c1,1,10.00\n", StandardCharsets.UTF_8);
    ws.landing("orders/b.csv", header + line, StandardCharsets.UTF_8);

    SourceResult r = ws.ingest(orders());

    assertReconciles(r);
    assertEquals(4, r.read());
    assertEquals(2, r.loaded());
    assertEquals(2, r.duplicates());
    assertEquals(1, ws.bronze("orders").where("order_id = 'A-1'").count());
  }
}
