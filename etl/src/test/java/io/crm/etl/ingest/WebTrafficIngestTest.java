package io.crm.etl.ingest;

import static io.crm.etl.ingest.IngestFixture.assertReconciles;
import static io.crm.etl.ingest.IngestFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Access logs (combined with a cookie field, common) and tracker events as JSON lines. */
class WebTrafficIngestTest {
  @TempDir Path home;

  @Test
  void combinedLogWithTrailingCookieField() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing(
        "web/a.log",
        "1.2.3.4 - - [10/Oct/2024:13:55:36 +0200] \"GET /shop?x=1 HTTP/1.1\" 200 2326 \"https://www.google.com/\" \"Mozilla/5.0 (Windows NT 10.0)\" \"ck-1\"\n"
            + "1.2.3.5 - - [10/Oct/2024:13:56:00 +0200] \"GET /a HTTP/1.1\" 304 - \"-\" \"Mozilla/5.0 (compatible; bingbot/2.0)\"\n"
            + "1.2.3.6 - - [10/Oct/2024:13:57:00 +0200] \"POST /cart HTTP/1.1\" 200 12 \"-\" \"curl/8.0\" \"ck-2\" 0.004 \"extra\"\n"
            + "1.2.3.7 - - [10/Oct/2024:13:58:00 +0200] \"GET / HTTP/1.1\" 999 12 \"-\" \"Mozilla/5.0\"\n"
            + "1.2.3.8 - - [10/Oct/2024:13:59:00 +0200] \"GET / HTTP/1.1\" 200 12\n",
        StandardCharsets.UTF_8);

    SourceResult r =
        ws.ingest(source("web", "kind", "web_logs", "path", "landing/web/*.log", "trailing_fields", List.of("cookie_id"), "bot_agents", List.of("bot", "curl")));

    assertReconciles(r);
    assertEquals(3, r.loaded());
    assertEquals(Map.of("out_of_range", 1L, "unparseable", 1L), r.quarantinedByReason());
    List<Row> rows = ws.bronze("web").orderBy("_line").collectAsList();
    Row first = rows.get(0);
    assertEquals(Timestamp.from(Instant.parse("2024-10-10T11:55:36Z")), first.getAs("ts"));
    assertEquals("GET", first.getAs("method"));
    assertEquals("/shop?x=1", first.getAs("url"));
    assertEquals("HTTP/1.1", first.getAs("protocol"));
    assertEquals(2326L, (long) first.getAs("bytes"));
    assertEquals("https://www.google.com/", first.getAs("referrer"));
    assertEquals("ck-1", first.getAs("cookie_id"));
    assertFalse((Boolean) first.getAs("is_bot"));
    Row second = rows.get(1);
    assertNull(second.getAs("cookie_id"));
    assertNull(second.getAs("bytes"));
    assertNull(second.getAs("referrer"));
    assertTrue((Boolean) second.getAs("is_bot"));
    assertEquals("ck-2", rows.get(2).getAs("cookie_id"));
    assertTrue((Boolean) rows.get(2).getAs("is_bot"));
  }

  @Test
  void commonLogFormat() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("common/a.log", "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326\n", StandardCharsets.UTF_8);

    SourceResult r = ws.ingest(source("common", "kind", "web_logs", "path", "landing/common/*", "log_format", "common"));

    assertEquals(1, r.loaded());
    Row row = ws.bronze("common").first();
    assertEquals("frank", row.getAs("user"));
    assertEquals(Timestamp.from(Instant.parse("2000-10-10T20:55:36Z")), row.getAs("ts"));
    assertNull(row.getAs("user_agent"));
  }

  @Test
  void trackerEventsAreValidatedAndUnknownEventNamesKept() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    String events =
        "{\"event_id\":\"e1\",\"ts\":\"2024-03-01T10:00:00Z\",\"anonymous_id\":\"c1\",\"event\":\"page_view\",\"url\":\"/\",\"user_agent\":\"Mozilla/5.0\",\"utm_source\":\"newsletter\"}\n"
            + "{\"event_id\":\"e2\",\"ts\":\"2024-03-01T10:00:05.250+01:00\",\"anonymous_id\":\"c1\",\"user_id\":\"u1\",\"event\":\"wishlist_add\",\"extra\":{\"a\":1}}\n"
            + "{\"event_id\":\"e3\",\"ts\":\"yesterday\",\"anonymous_id\":\"c1\",\"event\":\"login\"}\n"
            + "{\"event_id\":\"e4\",\"ts\":\"2024-03-01T10:00:00Z\",\"event\":\"login\"}\n"
            + "this is not json\n"
            + "{\"event_id\":\"e6\",\"ts\":\"2024-03-01T10:00:00Z\",\"anonymous_id\":\"c2\",\"event\":\"page_view\",\"user_agent\":\"Mozilla/5.0 (compatible; Googlebot/2.1)\"}\n"
            + "{\"ts\":\"2024-03-01T10:00:00Z\",\"anonymous_id\":\"c3\",\"event\":\"page_view\",\"url\":{\"path\":\"/\"}}\n"
            + "{\"ts\":\"2024-03-01T10:01:00Z\",\"anonymous_id\":\"c3\",\"event\":\"purchase\",\"order_id\":1234}\n";
    ws.write("events/e.jsonl.gz", IngestFixture.gzip(events.getBytes(StandardCharsets.UTF_8)));

    SourceResult r = ws.ingest(source("events", "kind", "web_events", "path", "landing/events/*.jsonl.gz"));

    assertReconciles(r);
    assertEquals(4, r.loaded());
    assertEquals(Map.of("bad_date", 1L, "missing_required", 1L, "unparseable", 2L), r.quarantinedByReason());
    List<Row> rows = ws.bronze("events").orderBy("_line").collectAsList();
    assertEquals("newsletter", rows.get(0).getAs("utm_source"));
    assertEquals("wishlist_add", rows.get(1).getAs("event"));
    assertEquals(Timestamp.from(Instant.parse("2024-03-01T09:00:05.250Z")), rows.get(1).getAs("ts"));
    assertTrue((Boolean) rows.get(2).getAs("is_bot"));
    assertFalse((Boolean) rows.get(0).getAs("is_bot"));
    assertEquals("1234", rows.get(3).getAs("order_id"));
    assertTrue(((String) rows.get(3).getAs("event_id")).startsWith("events:e.jsonl.gz:8"));
    assertEquals(4L, (long) ws.quarantine("events").where("reason = 'missing_required'").first().getAs("_line"));
  }
}
