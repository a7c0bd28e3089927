package io.crm.etl.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions and page views from access logs and tracker events. */
class SessionizationTest {
  static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Safari/604.1";
  static final String IPAD = "Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1";

  @TempDir static Path dir;
  static ConformRun run;
  static ConformResult result;

  @BeforeAll
  static void conform() {
    run = new ConformRun(dir);
    BronzeFixtures.webLogs()
        // s1: 29 minutes between the first two pages (one visit), then 31 minutes (a new visit)
        .get("2024-03-01T10:00:00Z", "/").cookie("s1").referrer("https://www.google.com/search?q=shop")
        .get("2024-03-01T10:29:00Z", "/p/A").cookie("s1").referrer("/")
        .get("2024-03-01T11:00:00Z", "/p/B").cookie("s1")
        // s2: one page and its static assets, no referrer
        .get("2024-03-02T09:00:00Z", "/index.html").cookie("s2")
        .get("2024-03-02T09:00:01Z", "/css/site.css").cookie("s2")
        .get("2024-03-02T09:00:01Z", "/img/logo.PNG").cookie("s2")
        // a crawler: many requests, no visit
        .get("2024-03-02T09:00:00Z", "/").cookie("bot1").bot("Googlebot/2.1 (+http://www.google.com/bot.html)")
        .get("2024-03-02T09:00:02Z", "/p/A").cookie("bot1").bot("Googlebot/2.1 (+http://www.google.com/bot.html)")
        .get("2024-03-02T09:00:04Z", "/p/B").cookie("bot1").bot("Googlebot/2.1 (+http://www.google.com/bot.html)")
        // no cookie: the visitor is ip + user agent; late evening UTC is the next day in Berlin
        .get("2024-03-02T23:30:00Z", "/c/shoes?gclid=abc").ip("10.9.9.9").userAgent(IPAD)
        .get("2024-03-02T23:35:00Z", "/p/C").ip("10.9.9.9").userAgent(IPAD)
        // s5 comes from facebook
        .get("2024-03-03T08:00:00Z", "/blog/post").cookie("s5").referrer("https://m.facebook.com/")
        .writeTo(run.bronze, "web_logs", "2024-03-04");
    BronzeFixtures.webEvents()
        // s3: newsletter click on a phone, product view, cart, purchase
        .event("e1", "page_view", "2024-03-03T12:00:00Z", "s3").url("https://shop.example/?utm_source=newsletter&utm_medium=email")
        .event("e2", "product_view", "2024-03-03T12:01:00Z", "s3").url("https://shop.example/p/A").set("sku", "A")
        .event("e3", "add_to_cart", "2024-03-03T12:02:00Z", "s3").url("https://shop.example/p/A").set("sku", "A")
        .event("e4", "purchase", "2024-03-03T12:05:00Z", "s3").url("https://shop.example/checkout/confirmation").order("X1")
        .event("e4", "purchase", "2024-03-03T12:05:00Z", "s3").url("https://shop.example/checkout/confirmation").order("X1")
        // a bot event
        .event("e9", "page_view", "2024-03-03T12:00:00Z", "bot2").url("https://shop.example/").set("is_bot", true)
        .writeTo(run.bronze, "web_events", "2024-03-04");
    result = run.run();
  }

  @Test
  void thirtyOneMinutesOfSilenceSplitsAVisitTwentyNineDoNot() {
    List<Row> s1 = run.rows("sessions", "cookie_id = 's1'", "started_at");
    assertEquals(2, s1.size());
    assertEquals(2, (int) s1.get(0).getAs("page_views"));
    assertEquals(29 * 60, (int) s1.get(0).getAs("duration_s"));
    assertEquals("/", s1.get(0).getAs("landing_page"));
    assertEquals("home", s1.get(0).getAs("landing_page_group"));
    assertEquals("organic_search", s1.get(0).getAs("traffic_source"));
    assertEquals("desktop", s1.get(0).getAs("device_class"));
    assertFalse((Boolean) s1.get(0).getAs("is_bounce"));
    assertEquals(1, (int) s1.get(1).getAs("page_views"));
    assertEquals("/p/B", s1.get(1).getAs("landing_page"));
    assertEquals("product", s1.get(1).getAs("landing_page_group"));
    assertTrue((Boolean) s1.get(1).getAs("is_bounce"));
    assertEquals("direct", s1.get(1).getAs("traffic_source"));
    // the page views carry their session
    List<Row> views = run.rows("page_views", "cookie_id = 's1'", "viewed_at");
    assertEquals(3, views.size());
    assertEquals(views.get(0).<String>getAs("session_id"), views.get(1).getAs("session_id"));
    assertFalse(views.get(1).<String>getAs("session_id").equals(views.get(2).getAs("session_id")));
  }

  @Test
  void userAgentsAreReducedToDeviceClassAndBrowserFamilyOnceSessionsAreCut() {
    assertEquals("Chrome", run.rows("sessions", "cookie_id = 's1'").get(0).getAs("browser_family"));
    Row ipad = run.rows("sessions", "cookie_id IS NULL").get(0);
    assertEquals("Safari", ipad.getAs("browser_family"));
    assertEquals("tablet", ipad.getAs("device_class"));
    List<String> kept = java.util.Arrays.asList(run.table("session_hits").columns());
    assertTrue(kept.containsAll(List.of("device_class", "browser_family", "visitor")), kept.toString());
    assertFalse(kept.contains("user_agent") || kept.contains("ip"), "silver keeps the raw agent or address: " + kept);
    for (String table : run.warehouse().silverTables()) {
      List<String> columns = java.util.Arrays.asList(run.table(table).columns());
      assertFalse(columns.contains("user_agent") || columns.contains("ip"), "silver." + table + ": " + columns);
    }
  }

  @Test
  void botsAreExcludedFromSessionsAndPageViewsButCounted() {
    assertEquals(0, run.rows("sessions", "cookie_id IN ('bot1', 'bot2')").size());
    assertEquals(0, run.rows("page_views", "cookie_id IN ('bot1', 'bot2')").size());
    assertEquals(3, result.logBotRequests());
    assertEquals(1, result.eventBotEvents());
    assertEquals(0, run.rows("sessions", "is_bot").size());
  }

  @Test
  void staticAssetsAreFilteredAndCountedNotPageViews() {
    assertEquals(2, result.staticAssets());
    List<Row> s2 = run.rows("sessions", "cookie_id = 's2'");
    assertEquals(1, s2.size());
    assertEquals(1, (int) s2.get(0).getAs("page_views"));
    assertTrue((Boolean) s2.get(0).getAs("is_bounce"));
    assertEquals("home", s2.get(0).getAs("landing_page_group"));
    // everything read is accounted for: page views + filtered
    long logViews = run.table("page_views").where("source = 'web_logs'").count();
    assertEquals(12, logViews + result.staticAssets() + result.logBotRequests());
  }

  @Test
  void visitorsWithoutCookieAreKeyedByIpAndUserAgentAndDatedInBusinessTime() {
    List<Row> s = run.rows("sessions", "cookie_id IS NULL");
    assertEquals(1, s.size());
    Row v = s.get(0);
    assertNull(v.getAs("cookie_id"));
    assertEquals(2, (int) v.getAs("page_views"));
    assertEquals("paid", v.getAs("traffic_source"));
    assertEquals("tablet", v.getAs("device_class"));
    assertEquals("category", v.getAs("landing_page_group"));
    assertEquals(Date.valueOf("2024-03-03"), v.getAs("session_date"));
  }

  @Test
  void trackerEventsMakeConvertedSessionsWithTheirSource() {
    List<Row> s3 = run.rows("sessions", "cookie_id = 's3'");
    assertEquals(1, s3.size());
    Row v = s3.get(0);
    assertEquals(2, (int) v.getAs("page_views"), "page_view and product_view; cart and purchase are not pages");
    assertEquals(4, (int) v.getAs("hits"), "the purchase event delivered twice counts once");
    assertTrue((Boolean) v.getAs("is_converted"));
    assertFalse((Boolean) v.getAs("is_bounce"));
    assertEquals("email", v.getAs("traffic_source"));
    assertEquals("mobile", v.getAs("device_class"));
    assertEquals("social", run.rows("sessions", "cookie_id = 's5'").get(0).getAs("traffic_source"));
    assertEquals("product_view", run.rows("page_views", "cookie_id = 's3' AND sku = 'A'").get(0).getAs("event"));
  }

  @Test
  void sessionIdsAreStableAcrossReRuns() {
    List<Row> before = run.rows("sessions", null, "session_id");
    run.run();
    assertEquals(before, run.rows("sessions", null, "session_id"));
  }
}
