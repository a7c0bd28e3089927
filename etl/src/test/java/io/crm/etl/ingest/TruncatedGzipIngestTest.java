package io.crm.etl.ingest;

import static io.crm.etl.ingest.IngestFixture.assertReconciles;
import static io.crm.etl.ingest.IngestFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A .gz cut in the middle loads every complete line before the cut and reports the cut. */
class TruncatedGzipIngestTest {
  @TempDir Path home;

  @Test
  void loadsTheReadablePrefixAndQuarantinesTheFragment() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    StringBuilder text = new StringBuilder();
    List<String> lines = new java.util.ArrayList<>();
    java.util.Random random = new java.util.Random(7);
    for (int i = 1; i <= 5_000; i++) {
      String line = "10.0.0." + (i % 250) + " - - [17/May/2015:10:" + String.format("%02d", i % 60)
          + ":00 +0000] \"GET /page/" + Long.toHexString(random.nextLong()) + " HTTP/1.1\" 200 " + (100 + i)
          + " \"-\" \"Mozilla/5.0 (X11; Linux) " + Long.toHexString(random.nextLong()) + "\"";
      lines.add(line);
      text.append(line).append('\n');
    }
    byte[] gz = IngestFixture.gzip(text.toString().getBytes(StandardCharsets.UTF_8));
    ws.write("logs/access.log.gz", Arrays.copyOf(gz, gz.length / 2));
    ws.write("logs/empty.log.gz", new byte[] {0x1f, (byte) 0x8b, 8}); // cut inside the gzip header

    // full addresses, so the quarantined fragment can be compared byte for byte with the original line
    SourceResult r = ws.ingest(source("logs", "kind", "web_logs", "path", "landing/logs/*.gz", "ip_addresses", "full"));

    assertReconciles(r);
    assertEquals(2, r.quarantined());
    assertEquals(java.util.Map.of("truncated_file", 2L), r.quarantinedByReason());
    assertTrue(r.loaded() > 1_000 && r.loaded() < 5_000, "loaded " + r.loaded());
    // the loaded lines are exactly lines 1..n of the original, the fragment is line n+1 cut short
    List<Long> loadedLines = ws.bronze("logs").orderBy("_line").select("_line").as(Encoders.LONG()).collectAsList();
    for (int i = 0; i < loadedLines.size(); i++) {
      assertEquals(i + 1L, loadedLines.get(i));
    }
    Row cut = ws.quarantine("logs").where("_file like '%access.log.gz'").first();
    long n = r.loaded();
    assertEquals(n + 1, (long) cut.getAs("_line"));
    assertTrue(lines.get((int) n).startsWith(cut.getAs("raw_text")));
    assertTrue(r.notes().stream().anyMatch(s -> s.contains("access.log.gz") && s.contains("truncated")), r.notes().toString());
    assertTrue(r.notes().stream().anyMatch(s -> s.contains("empty.log.gz")), r.notes().toString());
  }
}
