package io.crm.etl.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceConfigParserTest {

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String error(Map<String, Object> source) {
    return assertThrows(IllegalArgumentException.class, () -> SourceConfigParser.parseOne("shop", source)).getMessage();
  }

  @Test
  void parsesAGermanDialectAndStatusMapping() {
    SourceConfig c =
        SourceConfigParser.parseOne(
            "shop",
            map(
                "kind", "transactions", "path", "landing/shop/*.csv",
                "dialect", map("delimiter", ";", "encoding", "windows-1252", "decimal", ",", "timezone", "Europe/Berlin", "date_format", "dd.MM.yyyy"),
                "columns", map("order_id", "Bestellnr"),
                "status", map("completed", List.of("abgeschlossen", "Geliefert"), "cancelled", "storniert")));
    assertEquals(';', c.dialect().delimiter());
    assertEquals("windows-1252", c.dialect().encoding());
    assertEquals(',', c.dialect().decimal());
    assertEquals(ZoneId.of("Europe/Berlin"), c.dialect().timezone());
    assertEquals(SourceFormat.CSV, c.format());
    assertEquals("completed", c.status().get("geliefert"));
    assertEquals("cancelled", c.status().get("storniert"));
    assertNull(c.status().get("returned"));
  }

  @Test
  void whitespaceDelimiterAndPositions() {
    SourceConfig c =
        SourceConfigParser.parseOne(
            "cdnow",
            map("kind", "transactions", "path", "x", "dialect", map("delimiter", "whitespace", "header", false), "columns", map("customer_id", 1, "amount", "5")));
    assertTrue(c.dialect().splitsOnWhitespace());
    assertEquals("5", c.columns().get("amount"));
  }

  @Test
  void errorsNameTheYamlPathAndTheBadValue() {
    String m = error(map("kind", "transactions", "path", "x", "dialect", map("delimiter", "::")));
    assertTrue(m.contains("sources.shop.dialect.delimiter") && m.contains("'::'"), m);
    m = error(map("kind", "transactions", "path", "x", "dialect", map("encoding", "klingon-8")));
    assertTrue(m.contains("sources.shop.dialect.encoding") && m.contains("klingon-8"), m);
    m = error(map("kind", "transactions", "path", "x", "dialect", map("timezone", "Mars/Olympus")));
    assertTrue(m.contains("sources.shop.dialect.timezone") && m.contains("Mars/Olympus"), m);
    m = error(map("kind", "orders", "path", "x"));
    assertTrue(m.contains("sources.shop.kind") && m.contains("'orders'"), m);
    m = error(map("kind", "transactions", "path", "x", "columns", map("price", "Preis")));
    assertTrue(m.contains("sources.shop.columns.price") && m.contains("'price'"), m);
    m = error(map("kind", "transactions", "path", "x", "dialect", map("header", false), "columns", map("order_id", "first")));
    assertTrue(m.contains("sources.shop.columns.order_id") && m.contains("'first'"), m);
    m = error(map("kind", "transactions", "path", "x", "dialect", map("decimal", ";")));
    assertTrue(m.contains("sources.shop.dialect.decimal") && m.contains("';'"), m);
    m = error(map("kind", "transactions", "path", "x", "delimiter", ";"));
    assertTrue(m.contains("sources.shop.delimiter") && m.contains("unknown setting"), m);
    m = error(map("kind", "transactions", "path", "x", "status", map("done", List.of("ok"))));
    assertTrue(m.contains("sources.shop.status.done"), m);
    m = error(map("kind", "web_logs", "path", "x", "log_format", "extended"));
    assertTrue(m.contains("sources.shop.log_format") && m.contains("'extended'"), m);
    m = error(map("kind", "transactions", "format", "jsonl", "path", "x"));
    assertTrue(m.contains("sources.shop.format") && m.contains("jsonl"), m);
    m = error(map("kind", "transactions", "path", "x", "dialect", map("timestamp_format", "dd.MM.yyyy {HH}")));
    assertTrue(m.contains("sources.shop.dialect.timestamp_format") && m.contains("{HH}"), m);
    m = error(map("kind", "transactions"));
    assertTrue(m.contains("sources.shop.path"), m);
  }
}
