package io.crm.etl.conform;

import io.crm.etl.bronze.BronzeSchema;
import io.crm.etl.source.SourceKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Writes a synthetic bronze layer of a given number of customers for the conform benchmark (not a
 * test; run with {@code main}: bronze folder, customers). Deterministic: every random column uses
 * a fixed seed. Shapes are rough (orders of 1-3 lines over two years, 3% returns, 10% guests,
 * tracker and log traffic with bots and static assets, contacts re-exported with updates,
 * surveys); the point is volume, not realism.
 */
public final class SyntheticBronze {
  private SyntheticBronze() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: SyntheticBronze BRONZE_DIR CUSTOMERS");
    }
    SparkSession spark =
        SparkSession.builder().appName("synthetic-bronze").master("local[2]")
            .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
            .getOrCreate();
    write(spark, args[0], Long.parseLong(args[1]));
    spark.stop();
  }

  static void write(SparkSession spark, String bronze, long customers) {
    String n = Long.toString(customers);
    // 2023-01-01 .. 2024-12-31 in seconds
    String t0 = "1672531200";
    String span = "63072000";
    spark.sql("SELECT id AS o, CAST(rand(1) * " + n + " AS BIGINT) AS c, " + t0 + " + CAST(rand(2) * " + span + " AS BIGINT) AS t,"
            + " rand(3) < 0.1 AS guest, 1 + CAST(rand(4) * 3 AS INT) AS nlines FROM range(" + (customers * 3) + ")")
        .createOrReplaceTempView("syn_orders");
    Dataset<Row> tx = spark.sql(
        "SELECT concat('O', o) AS order_id, timestamp_seconds(t + IF(k < 0, 864000, 0)) AS order_ts,"
            + " IF(guest, NULL, concat('C', c)) AS customer_id,"
            + " IF(c % 50 = 0, concat(' User', c, '@Example.com'), concat('user', c, '@example.com')) AS email,"
            + " concat('SKU', (o * 7 + abs(k)) % 500) AS sku, concat('Product ', (o * 7 + abs(k)) % 500) AS product_name,"
            + " concat('cat', (o * 7 + abs(k)) % 20) AS category, IF(k < 0, -1, 1 + CAST(o % 3 AS INT)) AS quantity,"
            + " CAST(5 + (o * 7 + abs(k)) % 500 / 10.0 AS DECIMAL(18,4)) AS unit_price,"
            + " CAST(IF(o % 10 = 0, 1, 0) AS DECIMAL(18,4)) AS discount, CAST(NULL AS DECIMAL(18,4)) AS amount,"
            + " 'EUR' AS currency, 'web' AS channel, 'DE' AS country, IF(k < 0, 'returned', 'completed') AS status"
            + " FROM syn_orders LATERAL VIEW explode(concat(sequence(1, nlines), IF(o % 33 = 0, array(-1), array()))) l AS k");
    save(tx, SourceKind.TRANSACTIONS, bronze, "transactions");

    // web: each visit is 1-8 hits a few minutes apart; 60% of cookies belong to customers
    spark.sql("SELECT id AS v, CAST(rand(11) * " + (customers * 2) + " AS BIGINT) AS ck, " + t0 + " + CAST(rand(12) * " + span + " AS BIGINT) AS t,"
            + " 1 + CAST(rand(13) * 8 AS INT) AS nhits FROM range(" + (customers * 6) + ")")
        .createOrReplaceTempView("syn_visits");
    Dataset<Row> events = spark.sql(
        "SELECT concat('ev', v, '-', h) AS event_id, timestamp_seconds(t + h * 95) AS ts, concat('ck', ck) AS anonymous_id,"
            + " IF(h = 2 AND ck < " + n + " AND v % 4 = 0, concat('C', ck), NULL) AS user_id,"
            + " CASE WHEN h = 2 AND ck < " + n + " AND v % 4 = 0 THEN 'login' WHEN h % 3 = 0 THEN 'product_view' WHEN h = 7 THEN 'add_to_cart' ELSE 'page_view' END AS event,"
            + " concat('https://shop.example', CASE WHEN h = 1 THEN '/' WHEN h % 3 = 0 THEN concat('/p/SKU', (v + h) % 500) ELSE concat('/c/cat', h) END,"
            + "   IF(h = 1 AND v % 5 = 0, '?utm_source=newsletter&utm_medium=email', '')) AS url,"
            + " IF(h = 1 AND v % 3 = 0, 'https://www.google.com/', NULL) AS referrer, CAST(NULL AS STRING) AS utm_source,"
            + " CAST(NULL AS STRING) AS utm_medium, CAST(NULL AS STRING) AS utm_campaign,"
            + " IF(v % 2 = 0, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0')"
            + "   AS user_agent, concat('10.', v % 200, '.', h, '.1') AS ip, CAST(NULL AS STRING) AS order_id,"
            + " IF(h % 3 = 0, concat('SKU', (v + h) % 500), NULL) AS sku, v % 50 = 0 AS is_bot"
            + " FROM syn_visits LATERAL VIEW explode(sequence(1, nhits)) x AS h WHERE v % 2 = 0");
    save(events, SourceKind.WEB_EVENTS, bronze, "web_events");

    Dataset<Row> logs = spark.sql(
        "SELECT concat('10.', v % 200, '.', h % 7, '.2') AS ip, '-' AS ident,"
            + " IF(h = 2 AND ck < " + n + " AND v % 4 = 1, concat('C', ck), '-') AS user,"
            + " IF(h = 2 AND ck < " + n + " AND v % 4 = 1, concat('C', ck), '-') AS user_id, timestamp_seconds(t + h * 80) AS ts,"
            + " 'GET' AS method,"
            + " CASE WHEN h % 4 = 0 THEN concat('/static/app', h, '.css') WHEN h % 5 = 0 THEN concat('/img/p', v % 500, '.png')"
            + "   WHEN h = 1 THEN '/' ELSE concat('/p/SKU', (v + h) % 500) END AS url,"
            + " 'HTTP/1.1' AS protocol, 200 AS status, 1024 AS bytes,"
            + " IF(h = 1 AND v % 7 = 0, 'https://www.facebook.com/', '-') AS referrer,"
            + " IF(v % 40 = 1, 'Mozilla/5.0 (compatible; bingbot/2.0)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605.1.15') AS user_agent,"
            + " IF(v % 10 = 3, '-', concat('ck', ck)) AS cookie_id, v % 40 = 1 AS is_bot"
            + " FROM syn_visits LATERAL VIEW explode(sequence(1, nhits)) x AS h WHERE v % 2 = 1");
    save(logs, SourceKind.WEB_LOGS, bronze, "web_logs");

    // contacts: 70% of customers, a third of them exported twice with a later state
    Dataset<Row> contacts = spark.sql(
        "SELECT concat('K', c) AS contact_id, concat('C', c) AS customer_id,"
            + " IF(s = 2 AND c % 9 = 0, concat('new', c, '@example.com'), concat('user', c, '@example.com')) AS email,"
            + " concat('First', c) AS first_name, concat('Last', c) AS last_name, IF(c % 10 = 0, concat('Firma ', c), NULL) AS company,"
            + " IF(c % 10 = 0, 'B2B', 'B2C') AS customer_type, 'Hauptstr. 1' AS street, '10115' AS postal_code, 'Berlin' AS city,"
            + " IF(c % 3 = 0, 'Deutschland', 'DE') AS country, NULL AS phone, (c + s) % 2 = 0 AS newsletter_opt_in,"
            + " timestamp_seconds(" + t0 + " + c % 1000 * 3600) AS opt_in_ts, timestamp_seconds(" + t0 + " + c % 1000 * 3600) AS created_ts,"
            + " timestamp_seconds(" + t0 + " + c % 1000 * 3600 + s * 86400 * 30) AS updated_ts, 'shop' AS acquisition_source"
            + " FROM (SELECT id AS c FROM range(" + n + ") WHERE id % 10 < 7) LATERAL VIEW explode(IF(c % 3 = 0, array(1, 2), array(1))) x AS s");
    save(contacts, SourceKind.CONTACTS, bronze, "contacts");

    Dataset<Row> surveys = spark.sql(
        "SELECT concat('R', id) AS response_id, IF(id % 3 = 0, NULL, concat('C', id * 5 % " + n + ")) AS customer_id,"
            + " concat('user', id * 5 % " + n + ", '@example.com') AS email, timestamp_seconds(" + t0 + " + CAST(rand(21) * " + span + " AS BIGINT)) AS ts,"
            + " element_at(array('sales', 'service', 'delivery'), CAST(id % 3 AS INT) + 1) AS touchpoint,"
            + " CAST(1 + id % 5 AS INT) AS csat, CAST(id % 11 AS INT) AS nps, NULL AS comment"
            + " FROM range(" + (customers / 5) + ")");
    save(surveys, SourceKind.SURVEYS, bronze, "surveys");
  }

  private static void save(Dataset<Row> df, SourceKind kind, String bronze, String source) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : BronzeSchema.of(kind).fields()) {
      switch (f.name()) {
        case "_source" -> cols.add(org.apache.spark.sql.functions.lit(source).as("_source"));
        case "_file" -> cols.add(org.apache.spark.sql.functions.lit("synthetic-" + source + ".dat").as("_file"));
        case "_line" -> cols.add(org.apache.spark.sql.functions.monotonically_increasing_id().as("_line"));
        case "_ingested_at" -> cols.add(org.apache.spark.sql.functions.current_timestamp().as("_ingested_at"));
        default -> cols.add(df.col(f.name()).cast(f.dataType()).as(f.name()));
      }
    }
    df.select(cols.toArray(new Column[0])).write().mode(SaveMode.Overwrite).parquet(bronze + "/" + source + "/ingest_date=2025-01-01");
  }
}
