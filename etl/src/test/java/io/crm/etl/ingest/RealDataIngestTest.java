package io.crm.etl.ingest;

import static io.crm.etl.ingest.IngestFixture.map;
import static io.crm.etl.ingest.IngestFixture.source;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.etl.source.SourceConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two real files no one here wrote: Elastic's Apache log sample and the CDNOW sample. */
class RealDataIngestTest {
  @TempDir Path home;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(RealDataIngestTest.class.getResource("/" + name).toURI());
  }

  @Test
  void apacheLogLoads9999AndQuarantinesTheCutLine8899() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    // full addresses, to compare with the published count of client IPs
    SourceConfig logs =
        source("web_logs", "kind", "web_logs", "path", resource("apache_access_log/apache_logs").toString(),
            "ip_addresses", "full");

    SourceResult r = ws.ingest(logs);

    assertEquals(10_000, r.read());
    assertEquals(9_999, r.loaded());
    assertEquals(1, r.quarantined());
    assertEquals(0, r.duplicates());
    Row bad = ws.quarantine("web_logs").first();
    assertEquals(8_899L, bad.getLong(bad.fieldIndex("_line")));
    assertEquals("unparseable", bad.getString(bad.fieldIndex("reason")));
    assertTrue(bad.getString(bad.fieldIndex("raw_text")).startsWith("46.118.127.106 - - [20/May/2015:12:05:17 +0000]"));

    Dataset<Row> b = ws.bronze("web_logs");
    assertEquals(9_999, b.count());
    Row range = b.agg(min("ts"), max("ts")).first();
    assertEquals(Timestamp.from(Instant.parse("2015-05-17T10:05:00Z")), range.getTimestamp(0));
    assertEquals(Timestamp.from(Instant.parse("2015-05-20T21:05:59Z")), range.getTimestamp(1));
    // SOURCE.md: status 200 on 9,125 lines, '-' bytes on 669, 1,753 client IPs
    assertEquals(9_125, b.where(col("status").equalTo(200)).count()); // SOURCE.md counted parsed lines
    assertEquals(669, b.where(col("bytes").isNull()).count());
    assertEquals(1_753, b.agg(countDistinct("ip")).first().getLong(0));
    assertEquals(b.where(col("user_agent").rlike("(?i)bot|crawl|spider")).count(), b.where(col("user_agent").rlike("(?i)bot|crawl|spider").and(col("is_bot"))).count());
  }

  @Test
  void apacheLogAddressesAreShortenedByDefaultInBronzeAndQuarantine() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    SourceConfig logs =
        source("web_logs", "kind", "web_logs", "path", resource("apache_access_log/apache_logs").toString());
    ws.ingest(logs);

    Dataset<Row> b = ws.bronze("web_logs");
    assertEquals(9_999, b.count());
    assertEquals(0, b.where(col("ip").rlike("\\.[0-9]+$").and(col("ip").endsWith(".0").unary_$bang())).count(),
        "every IPv4 address ends in .0");
    long networks = b.agg(countDistinct("ip")).first().getLong(0);
    assertTrue(networks > 1_000 && networks < 1_753, networks + " /24 networks behind 1,753 addresses");
    Row bad = ws.quarantine("web_logs").first();
    assertTrue(bad.getString(bad.fieldIndex("raw_text")).startsWith("46.118.127.0 - - [20/May/2015:12:05:17 +0000]"),
        bad.getString(bad.fieldIndex("raw_text")));
  }

  @Test
  void cdnowSampleLoadsAllRowsAsWhitespaceTransactions() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    SourceConfig cdnow =
        source(
            "cdnow", "kind", "transactions", "path", resource("cdnow/CDNOW_sample.txt").toString(),
            "dialect", map("delimiter", "whitespace", "header", false, "date_format", "yyyyMMdd", "timezone", "UTC"),
            "columns", map("customer_id", 1, "order_ts", 3, "quantity", 4, "amount", 5),
            "defaults", map("currency", "USD"));

    SourceResult r = ws.ingest(cdnow);

    assertEquals(6_919, r.read());
    assertEquals(6_919, r.loaded());
    assertEquals(0, r.quarantined());
    assertEquals(0, r.duplicates());
    Dataset<Row> b = ws.bronze("cdnow");
    // SOURCE.md: 2,357 customers, 16,479 CDs, $244,091.94
    Row totals = b.agg(countDistinct("customer_id"), sum("quantity"), sum("amount"), min("order_ts")).first();
    assertEquals(2_357, totals.getLong(0));
    assertEquals(16_479, totals.getLong(1));
    assertEquals(0, new BigDecimal("244091.94").compareTo(totals.getDecimal(2)));
    assertEquals(Timestamp.from(Instant.parse("1997-01-01T00:00:00Z")), totals.getTimestamp(3));
    assertEquals(List.of("USD"), b.select("currency").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(List.of("completed"), b.select("status").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(6_919, b.select("order_id").distinct().count());
    assertTrue(Files.notExists(home.resolve("warehouse/quarantine/cdnow")));
  }

}
