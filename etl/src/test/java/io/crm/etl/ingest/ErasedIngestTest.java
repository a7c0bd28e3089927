package io.crm.etl.ingest;

import static io.crm.etl.ingest.IngestFixture.assertReconciles;
import static io.crm.etl.ingest.IngestFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crm.etl.source.SourceConfig;
import io.crm.warehouse.KeyedHash;
import io.crm.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records of an erased person are dropped before bronze and quarantine, good and rejected ones
 * alike, and counted as erased: read = loaded + quarantined + duplicates + erased.
 */
class ErasedIngestTest {
  @TempDir Path home;

  @Test
  void anErasedPersonsRecordsAreDroppedAndCounted() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("orders/o.csv", String.join("\n",
        "order_id,order_ts,customer_id,email,sku,quantity,unit_price",
        "A1,2024-03-01T10:00:00Z,K-1001,Anna.Berg@example.com ,S1,1,10.00",
        "A2,2024-03-05T10:00:00Z,,anna.berg@example.com,S2,2,5.00",
        "B1,2024-03-02T10:00:00Z,K-2002,bob@example.com,S1,1,10.00",
        "A3,broken date,K-1001,x@example.com,S1,1,10.00",
        "B2,broken date,K-2002,bob@example.com,S1,1,10.00",
        ""), StandardCharsets.UTF_8);
    SourceConfig orders = source("orders", "kind", "transactions", "path", "landing/orders/*.csv");
    KeyedHash hash = new KeyedHash("a workspace secret of some length".getBytes(StandardCharsets.UTF_8));
    ErasedIdentities anna = new ErasedIdentities(hash, Set.of(ErasedIdentities.tombstone(hash, "anna.berg@example.com"), ErasedIdentities.tombstone(hash, "K-1001")));
    Warehouse warehouse = Warehouse.open(ws.warehouse().toString(), ws.spark().sparkContext().hadoopConfiguration());

    SourceResult r = new Ingest(ws.spark(), home.toString(), warehouse, IngestFixture.DAY, PublishHook.NONE, anna)
        .run(new IngestRequest(List.of(orders), false)).sources().get(0);

    assertReconciles(r);
    assertEquals(List.of(5L, 1L, 1L, 0L, 3L), List.of(r.read(), r.loaded(), r.quarantined(), r.duplicates(), r.erased()));
    assertEquals(List.of("B1"), ws.bronze("orders").select("order_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(1, ws.quarantine("orders").where("raw_text LIKE 'B2,%'").count());
    assertEquals(1, ws.quarantine("orders").count());
    String ledger = Files.readString(Files.list(home.resolve("warehouse/_runs/ingest")).filter(Files::isRegularFile)
        .filter(p -> p.getFileName().toString().endsWith(".json")).findFirst().orElseThrow());
    assertEquals(true, ledger.contains("\"erased\":3"), ledger);
  }
}
