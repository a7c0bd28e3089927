package io.crm.etl.conform;

import io.crm.etl.SharedSpark;
import io.crm.etl.bronze.BronzeSchema;
import io.crm.etl.source.SourceKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Small bronze tables for conform tests, written as ingest writes them (SPEC.md, "Bronze"):
 * {@code <bronze>/<source>/ingest_date=YYYY-MM-DD/*.parquet} with the canonical columns of the
 * kind and the lineage columns. Each builder method that names a new record starts a row; the
 * methods after it fill that row. Timestamps are ISO-8601 instants, money is given as text.
 */
final class BronzeFixtures {
  private BronzeFixtures() {}

  static Transactions transactions() {
    return new Transactions();
  }

  static WebLogs webLogs() {
    return new WebLogs();
  }

  static WebEvents webEvents() {
    return new WebEvents();
  }

  static Contacts contacts() {
    return new Contacts();
  }

  static Surveys surveys() {
    return new Surveys();
  }

  /** Rows of one kind being built; {@link #writeTo} appends them to a bronze source. */
  abstract static class Rows<B extends Rows<B>> {
    private final SourceKind kind;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private String file = "fixture.csv";

    Rows(SourceKind kind) {
      this.kind = kind;
    }

    @SuppressWarnings("unchecked")
    B self() {
      return (B) this;
    }

    B start() {
      Map<String, Object> row = new HashMap<>();
      row.put("_file", file);
      row.put("_line", (long) rows.size() + 1);
      rows.add(row);
      return self();
    }

    B set(String field, Object value) {
      if (rows.isEmpty()) {
        throw new IllegalStateException("start a row before setting " + field);
      }
      rows.get(rows.size() - 1).put(field, value);
      return self();
    }

    /** The source file the following rows come from (lines are numbered per builder). */
    B file(String name) {
      this.file = name;
      return self();
    }

    /** Appends the rows to {@code <bronze>/<source>/ingest_date=<date>/}. */
    void writeTo(Path bronze, String source, String ingestDate) {
      StructType schema = BronzeSchema.of(kind);
      Timestamp ingestedAt = Timestamp.valueOf(LocalDate.parse(ingestDate).atTime(3, 0));
      List<Row> out = new ArrayList<>();
      for (Map<String, Object> r : rows) {
        Object[] values = new Object[schema.fields().length];
        for (int i = 0; i < values.length; i++) {
          StructField f = schema.fields()[i];
          Object v = r.get(f.name());
          if (f.name().equals("_source")) {
            v = source;
          } else if (f.name().equals("_ingested_at")) {
            v = ingestedAt;
          }
          values[i] = convert(v, f);
        }
        out.add(RowFactory.create(values));
      }
      SharedSpark.get()
          .createDataFrame(out, schema)
          .coalesce(1)
          .write()
          .mode(SaveMode.Append)
          .parquet(bronze.resolve(source).resolve("ingest_date=" + ingestDate).toString());
    }

    private static Object convert(Object v, StructField f) {
      if (v == null) {
        return null;
      }
      if (f.dataType().equals(DataTypes.TimestampType) && v instanceof String s) {
        return Timestamp.from(Instant.parse(s));
      }
      if (f.dataType() instanceof DecimalType && v instanceof String s) {
        return new BigDecimal(s);
      }
      return v;
    }
  }

  static final class Transactions extends Rows<Transactions> {
    Transactions() {
      super(SourceKind.TRANSACTIONS);
    }

    /** Starts an order line of order {@code orderId} placed at {@code ts}, status completed. */
    Transactions line(String orderId, String ts) {
      return start().set("order_id", orderId).set("order_ts", ts).set("status", "completed").set("currency", "EUR").set("channel", "web");
    }

    Transactions customer(String id) {
      return set("customer_id", id);
    }

    Transactions email(String email) {
      return set("email", email);
    }

    /** The product, quantity (negative for a return) and unit price of the line. */
    Transactions item(String sku, int quantity, String unitPrice) {
      return set("sku", sku).set("quantity", quantity).set("unit_price", unitPrice).set("product_name", "Product " + sku).set("category", "cat-" + sku);
    }

    Transactions discount(String amount) {
      return set("discount", amount);
    }

    Transactions amount(String amount) {
      return set("amount", amount);
    }

    Transactions status(String status) {
      return set("status", status);
    }

    Transactions country(String country) {
      return set("country", country);
    }
  }

  static final class WebLogs extends Rows<WebLogs> {
    WebLogs() {
      super(SourceKind.WEB_LOGS);
    }

    /** Starts a GET request answered 200, from a desktop browser at 10.0.0.1. */
    WebLogs get(String ts, String url) {
      return start()
          .set("ts", ts).set("url", url).set("method", "GET").set("status", 200).set("protocol", "HTTP/1.1")
          .set("ip", "10.0.0.1").set("bytes", 512L).set("is_bot", false)
          .set("user_agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36");
    }

    WebLogs cookie(String cookieId) {
      return set("cookie_id", cookieId);
    }

    /** A logged-in request, as ingest writes it for a source with remote_user: customer_id. */
    WebLogs user(String user) {
      return set("user", user).set("user_id", user);
    }

    WebLogs ip(String ip) {
      return set("ip", ip);
    }

    WebLogs referrer(String referrer) {
      return set("referrer", referrer);
    }

    WebLogs userAgent(String ua) {
      return set("user_agent", ua);
    }

    /** Marks the request as a bot's (ingest sets is_bot from its bot_agents list). */
    WebLogs bot(String ua) {
      return set("user_agent", ua).set("is_bot", true);
    }
  }

  static final class WebEvents extends Rows<WebEvents> {
    WebEvents() {
      super(SourceKind.WEB_EVENTS);
    }

    /** Starts a tracker event of cookie {@code anonymousId}. */
    WebEvents event(String eventId, String event, String ts, String anonymousId) {
      return start()
          .set("event_id", eventId).set("event", event).set("ts", ts).set("anonymous_id", anonymousId).set("is_bot", false)
          .set("user_agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Safari/604.1");
    }

    WebEvents url(String url) {
      return set("url", url);
    }

    WebEvents user(String userId) {
      return set("user_id", userId);
    }

    WebEvents order(String orderId) {
      return set("order_id", orderId);
    }

    WebEvents referrer(String referrer) {
      return set("referrer", referrer);
    }

    WebEvents utm(String source, String medium) {
      return set("utm_source", source).set("utm_medium", medium);
    }
  }

  static final class Contacts extends Rows<Contacts> {
    Contacts() {
      super(SourceKind.CONTACTS);
    }

    /** Starts a state of contact {@code contactId} as exported with update time {@code updatedTs}. */
    Contacts contact(String contactId, String updatedTs) {
      return start().set("contact_id", contactId).set("updated_ts", updatedTs);
    }

    Contacts customer(String id) {
      return set("customer_id", id);
    }

    Contacts email(String email) {
      return set("email", email);
    }

    Contacts name(String first, String last) {
      return set("first_name", first).set("last_name", last);
    }

    Contacts type(String customerType) {
      return set("customer_type", customerType);
    }

    Contacts country(String country) {
      return set("country", country);
    }

    Contacts created(String ts) {
      return set("created_ts", ts);
    }

    /** Newsletter consent as exported, with the opt-in time the source gave (may be null). */
    Contacts optIn(boolean optedIn, String optInTs) {
      return set("newsletter_opt_in", optedIn).set("opt_in_ts", optInTs);
    }
  }

  static final class Surveys extends Rows<Surveys> {
    Surveys() {
      super(SourceKind.SURVEYS);
    }

    Surveys response(String responseId, String ts, String touchpoint, int csat, int nps) {
      return start().set("response_id", responseId).set("ts", ts).set("touchpoint", touchpoint).set("csat", csat).set("nps", nps);
    }

    Surveys customer(String id) {
      return set("customer_id", id);
    }

    Surveys email(String email) {
      return set("email", email);
    }
  }
}
