package io.crm.etl.ingest;

import static io.crm.etl.ingest.IngestFixture.map;
import static io.crm.etl.ingest.IngestFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.etl.source.SourceConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every reason code, each from a record built to trigger it, with file, line and original text. */
class ReasonCodeIngestTest {
  @TempDir Path home;

  static SourceConfig orders() {
    return source(
        "orders", "kind", "transactions", "path", "landing/orders/*",
        "columns", map("order_id", "order_id", "order_ts", "order_ts", "customer_id", "customer_id", "quantity", "qty", "unit_price", "price", "status", "status"),
        "require_customer", true); // o3 without a customer is this fixture's missing_required, not an anonymous sale
  }

  @Test
  void eachRejectedRecordGetsItsReasonLineAndOriginalText() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    String[] lines = {
      "order_id,order_ts,customer_id,qty,price,status",
      "o1,2024-01-02T10:00:00Z,c1,1,9.99,completed",
      "o2,2024-01-02T10:00:00Z,c1,1",
      "o3,2024-01-02T10:00:00Z,,1,9.99,completed",
      "o4,2024-01-02T10:00:00Z,c1,two,9.99,completed",
      "o5,2024-13-45,c1,1,9.99,completed",
      "o6,2024-01-02T10:00:00Z,c1,1,9.99,lost",
      "o7,2024-01-02T10:00:00Z,c1,0,9.99,completed",
      "o8,1824-01-02T10:00:00Z,c1,1,9.99,completed",
      "o9,2024-01-02 11:00,c1,3,\"1,099.00\",completed",
    };
    for (String l : lines) {
      file.write(l.getBytes(StandardCharsets.UTF_8));
      file.write('\n');
    }
    file.write("o10,2024-01-02T10:00:00Z,M".getBytes(StandardCharsets.UTF_8));
    file.write(0xFC); // a Windows-1252 'ü' in a UTF-8 file
    file.write("ller,1,9.99,completed\n".getBytes(StandardCharsets.UTF_8));
    ws.write("orders/a.csv", file.toByteArray());
    String full = "order_id,order_ts,customer_id,qty,price,status\no11,2024-01-02T10:00:00Z,c1,1,9.99,completed\n";
    byte[] gz = IngestFixture.gzip(full.repeat(1).getBytes(StandardCharsets.UTF_8));
    ws.write("orders/b.csv.gz", java.util.Arrays.copyOf(gz, gz.length - 12)); // cut inside the deflate data

    SourceResult r = ws.ingest(orders());

    Map<String, String> reasonOf = new LinkedHashMap<>();
    for (Row q : ws.quarantine("orders").orderBy("_file", "_line").collectAsList()) {
      String file1 = q.getAs("_file");
      reasonOf.put(file1.substring(file1.lastIndexOf('/') + 1) + ":" + q.getAs("_line"), q.getAs("reason"));
      if (file1.endsWith("a.csv")) {
        int line = (int) (long) q.getAs("_line");
        String raw = q.getAs("raw_text");
        if (line != 11) {
          assertEquals(lines[line - 1], raw);
        } else {
          assertTrue(raw.startsWith("o10,2024-01-02T10:00:00Z,M") && raw.endsWith("ller,1,9.99,completed"), raw);
        }
        assertTrue(((String) q.getAs("detail")).length() > 5);
      }
    }
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("a.csv:3", "unparseable");
    expected.put("a.csv:4", "missing_required");
    expected.put("a.csv:5", "bad_number");
    expected.put("a.csv:6", "bad_date");
    expected.put("a.csv:7", "out_of_range");
    expected.put("a.csv:8", "out_of_range");
    expected.put("a.csv:9", "out_of_range");
    expected.put("a.csv:11", "bad_encoding");
    Map<String, String> fromB = new LinkedHashMap<>(reasonOf);
    reasonOf.keySet().removeIf(k -> k.startsWith("b.csv.gz"));
    fromB.keySet().removeIf(k -> k.startsWith("a.csv"));
    assertEquals(expected, reasonOf);
    assertEquals(List.of("truncated_file"), List.copyOf(fromB.values()));
    long fromGz = ws.bronze("orders").where("_file like '%b.csv.gz'").count();
    assertTrue(fromGz <= 1);
    assertEquals(List.of("o1", "o9"), ws.bronze("orders").where("_file like '%a.csv'").orderBy("order_id").select("order_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    Row o9 = ws.bronze("orders").where("order_id = 'o9'").first();
    assertEquals(new java.math.BigDecimal("1099.0000"), o9.getAs("unit_price"));
    assertEquals(new java.math.BigDecimal("3297.0000"), o9.getAs("amount"));
    assertEquals(11 + fromGz, r.read());
    assertEquals(2 + fromGz, r.loaded());
    assertEquals(9, r.quarantined());
    assertEquals(Map.of("unparseable", 1L, "missing_required", 1L, "bad_number", 1L, "bad_date", 1L, "out_of_range", 3L, "bad_encoding", 1L, "truncated_file", 1L), r.quarantinedByReason());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("b.csv.gz") && n.contains("truncated")), r.notes().toString());
  }
}
