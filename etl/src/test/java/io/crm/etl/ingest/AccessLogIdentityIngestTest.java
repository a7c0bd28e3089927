package io.crm.etl.ingest;

import static io.crm.etl.ingest.IngestFixture.assertReconciles;
import static io.crm.etl.ingest.IngestFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who an access-log line names: the remote user only when configured, the cookie without its prefix. */
class AccessLogIdentityIngestTest {
  @TempDir Path home;

  /** Three hits: one with HTTP authentication, one with escaped quotes in the user agent, one bare. */
  static String log() {
    return "10.0.0.1 - anna [10/Oct/2024:13:55:36 +0200] \"GET /account HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 (X11; Linux)\" \"uid=ck-7\"\n"
        + "10.0.0.2 - - [10/Oct/2024:13:56:00 +0200] \"GET /p/1 HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 \\\"Quoted\\\" Agent \\\\ 1.0\" \"uid=ck-8\"\n"
        + "10.0.0.3 - - [10/Oct/2024:13:57:00 +0200] \"GET / HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\" \"-\"\n";
  }

  @Test
  void theRemoteUserIsNoCustomerIdUnlessConfigured() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("web/access.log", log(), StandardCharsets.UTF_8);

    SourceResult r = ws.ingest(source("web", "kind", "web_logs", "path", "landing/web/*.log",
        "trailing_fields", List.of("cookie_id"), "cookie_prefix", "uid="));

    assertReconciles(r);
    assertEquals(3, r.loaded());
    List<Row> rows = ws.bronze("web").orderBy("_line").collectAsList();
    assertEquals("anna", rows.get(0).getAs("user"), "bronze keeps what the log says");
    assertNull(rows.get(0).getAs("user_id"), "but it does not become a customer id");
    assertEquals("ck-7", rows.get(0).getAs("cookie_id"));
    assertEquals("ck-8", rows.get(1).getAs("cookie_id"));
    assertNull(rows.get(2).getAs("cookie_id"));
    assertEquals("Mozilla/5.0 \"Quoted\" Agent \\ 1.0", rows.get(1).getAs("user_agent"));
  }

  @Test
  void theRemoteUserBecomesTheCustomerIdWhenConfigured() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.landing("web/access.log", log(), StandardCharsets.UTF_8);

    ws.ingest(source("web", "kind", "web_logs", "path", "landing/web/*.log",
        "trailing_fields", List.of("cookie_id"), "remote_user", "customer_id"));

    List<Row> rows = ws.bronze("web").orderBy("_line").collectAsList();
    assertEquals("anna", rows.get(0).getAs("user_id"));
    assertEquals("uid=ck-7", rows.get(0).getAs("cookie_id"), "no prefix configured: the cookie as logged");
  }

  @Test
  void badSettingsAreRefused() {
    IllegalArgumentException user = assertThrows(IllegalArgumentException.class,
        () -> source("web", "kind", "web_logs", "path", "x", "remote_user", "login"));
    assertTrue(user.getMessage().startsWith("sources.web.remote_user: 'login'"), user.getMessage());
    IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
        () -> source("web", "kind", "web_logs", "path", "x", "cookie_prefix", "uid="));
    assertTrue(prefix.getMessage().startsWith("sources.web.cookie_prefix: 'uid=' needs a trailing field cookie_id"), prefix.getMessage());
  }
}
