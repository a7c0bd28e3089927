package io.crm.analytics;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A small silver layer built by hand for analytics tests: named builders for the tables
 * customer_features reads, written as Parquet with the silver column names.
 */
public final class SilverFixture {
  private final List<Row> customers = new ArrayList<>();
  private final List<Row> orders = new ArrayList<>();
  private final List<Row> lines = new ArrayList<>();
  /** Stored as conform stores them: without their person, which session_customers gives. */
  private final List<Row> sessions = new ArrayList<>();
  private final List<Row> sessionCustomers = new ArrayList<>();
  private final List<Row> surveys = new ArrayList<>();
  private final List<Row> contacts = new ArrayList<>();
  private static final String[] COUNTRIES = {"DE", "AT", "CH"};
  private static final String[] CHANNELS = {"web", "store", "phone"};
  private int orderSeq;

  public static SilverFixture silver() {
    return new SilverFixture();
  }

  /** A customer first seen on {@code firstSeen}. */
  public SilverFixture customer(String id, String firstSeen) {
    customers.add(RowFactory.create(id, id + "@example.com", "B2C", "DE", ts(firstSeen)));
    return this;
  }

  /** A completed order of one line in category {@code category}. */
  public SilverFixture order(String customer, String date, double amount, String category) {
    return order(customer, date, amount, 0.0, "completed", category);
  }

  public SilverFixture order(String customer, String date, double amount, double returned, String status, String category) {
    String id = "o" + (++orderSeq);
    String country = COUNTRIES[orderSeq % COUNTRIES.length];
    String channel = CHANNELS[orderSeq % CHANNELS.length];
    String sku = category + "-" + (orderSeq % 3);
    orders.add(RowFactory.create(id, customer, ts(date), Date.valueOf(date), status, amount + returned, returned, amount,
        country, channel, false, false));
    lines.add(RowFactory.create(id, customer, Date.valueOf(date), category, sku, 1 + orderSeq % 2, amount + returned, false));
    if (returned > 0) {
      lines.add(RowFactory.create(id, customer, Date.valueOf(date), category, sku, -1, -returned, true));
    }
    return this;
  }

  /** An order of returns only: one line of {@code amount} sent back (net amount −amount). */
  public SilverFixture returnOnly(String customer, String date, double amount, String category) {
    String id = "o" + (++orderSeq);
    orders.add(RowFactory.create(id, customer, ts(date), Date.valueOf(date), "returned", 0.0, amount, -amount,
        COUNTRIES[orderSeq % COUNTRIES.length], CHANNELS[orderSeq % CHANNELS.length], false, false));
    lines.add(RowFactory.create(id, customer, Date.valueOf(date), category, category + "-" + (orderSeq % 3), -1, -amount, true));
    return this;
  }

  /** A completed order with one line of 10 in each of {@code categories}; a null customer is a guest. */
  public SilverFixture basket(String customer, String date, String... categories) {
    String id = "o" + (++orderSeq);
    double amount = 10.0 * categories.length;
    orders.add(RowFactory.create(id, customer, ts(date), Date.valueOf(date), "completed", amount, 0.0, amount,
        COUNTRIES[orderSeq % COUNTRIES.length], CHANNELS[orderSeq % CHANNELS.length], customer == null, false));
    for (String category : categories) {
      lines.add(RowFactory.create(id, customer, Date.valueOf(date), category, category + "-" + (orderSeq % 3), 1, 10.0, false));
    }
    return this;
  }

  public SilverFixture session(String customer, String date, int pageViews, boolean converted) {
    int n = sessions.size();
    sessions.add(RowFactory.create("s" + n, "cookie-" + customer, Date.valueOf(date), pageViews, converted, false,
        n % 2 == 0 ? "organic search" : "direct", n % 3 == 0 ? "mobile" : "desktop", "home", pageViews == 1));
    if (customer != null) {
      sessionCustomers.add(RowFactory.create("s" + n, customer, customer));
    }
    return this;
  }

  /** A session of a bot: must never count in web measures. */
  public SilverFixture botSession(String date) {
    int n = sessions.size();
    sessions.add(RowFactory.create("s" + n, "bot-" + n, Date.valueOf(date), 40, false, true, "direct", "bot", "home", false));
    return this;
  }

  public SilverFixture survey(String customer, String date, int csat, int nps) {
    surveys.add(RowFactory.create(customer, ts(date), Date.valueOf(date), csat, nps, surveys.size() % 2 == 0 ? "service" : "delivery"));
    return this;
  }

  public SilverFixture consent(String customer, String updated, boolean optIn) {
    contacts.add(RowFactory.create(customer, optIn, ts(updated)));
    return this;
  }

  /** Writes the tables under {@code root} and returns its path. */
  public String writeTo(SparkSession spark, Path root) {
    write(spark, root, "customers", customers,
        "customer_key string, email string, customer_type string, country string, first_seen_at timestamp");
    write(spark, root, "orders", orders,
        "order_id string, customer_key string, ordered_at timestamp, order_date date, status string, gross_amount double, "
            + "returned_amount double, net_amount double, country string, channel string, is_guest boolean, is_anonymous boolean");
    write(spark, root, "order_lines", lines,
        "order_id string, customer_key string, order_date date, category string, sku string, quantity int, line_amount double, is_return boolean");
    write(spark, root, "sessions", sessions,
        "session_id string, cookie_id string, session_date date, page_views int, is_converted boolean, "
            + "is_bot boolean, traffic_source string, device_class string, landing_page_group string, is_bounce boolean");
    write(spark, root, "session_customers", sessionCustomers, "session_id string, customer_id string, customer_key string");
    write(spark, root, "survey_responses", surveys,
        "customer_key string, responded_at timestamp, response_date date, csat int, nps int, touchpoint string");
    write(spark, root, "contacts", contacts,
        "customer_key string, is_newsletter_opt_in boolean, updated_at timestamp");
    return root.toString();
  }

  private static void write(SparkSession spark, Path root, String table, List<Row> rows, String ddl) {
    StructType schema = StructType.fromDDL(ddl);
    spark.createDataFrame(rows, schema).write().mode(SaveMode.Overwrite).parquet(root.resolve(table).toString());
  }

  private static Timestamp ts(String date) {
    return Timestamp.valueOf(LocalDate.parse(date).atTime(12, 0));
  }

}
