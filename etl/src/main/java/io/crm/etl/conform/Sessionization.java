package io.crm.etl.conform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import io.crm.warehouse.Warehouse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Cuts web traffic into visits and writes silver.session_hits, silver.sessions and
 * silver.page_views (views stg_web_logs, stg_web_events, identities). Bot requests and static
 * assets are not lost but counted: the result says how many of each were filtered. The rules are
 * in sql/intermediate/web_hits.sql and session_customers.sql, sql/silver/session_hits.sql,
 * sessions.sql and page_views.sql.
 *
 * <p>Incrementally (see {@link WebIncrement}) the staged views hold only the new bronze files.
 * Only the visitors with a new hit are cut again, from their hits in silver.session_hits plus
 * the new ones; their old sessions and page views are replaced. Every other visitor's sessions
 * stay as they were except for their person, which is resolved again for all sessions because a
 * new login or order can merge persons without a new hit of the visitor. Sessions are cut per
 * visitor, so this gives the same rows as cutting everything again.
 */
public final class Sessionization {
  /** Inactivity that ends a session. */
  public static final Duration SESSION_TIMEOUT = Duration.ofMinutes(30);

  private final SparkSession spark;
  private final SilverWriter writer;
  private final Warehouse warehouse;
  private final ZoneId zone;

  public Sessionization(SparkSession spark, SilverWriter writer, Warehouse warehouse, ZoneId zone) {
    this.spark = spark;
    this.writer = writer;
    this.warehouse = warehouse;
    this.zone = zone;
  }

  /**
   * Rows written per table and what was filtered: logRequests = staticAssets + logBotRequests +
   * log hits kept; events likewise without static assets (of the bronze rows read this run).
   * recutVisitors: visitors cut again from their stored hits (0 for a full refresh).
   */
  public record Result(
      long sessions, long pageViews, long logRequests, long logBotRequests, long staticAssets, long events,
      long eventBotEvents, long recutVisitors) {}

  public Result run(WebIncrement increment) {
    Map<String, Object> params =
        Map.of("timezone", zone.getId(), "session_timeout_micros", SESSION_TIMEOUT.toNanos() / 1000);
    Row logs =
        spark.sql(
                "SELECT count(*), count_if(is_bot), count_if(NOT is_bot AND is_static_asset) FROM stg_web_logs")
            .first();
    Row events = spark.sql("SELECT count(*), count_if(is_bot) FROM stg_web_events").first();
    Dataset<Row> fresh = SilverSql.intermediate(spark, "web_hits", params);
    long recut = increment.incremental() ? incremental(fresh, params) : full(fresh, params);
    writer.write(WebIncrement.FILES_TABLE, increment.files(spark), null);
    Map<String, Long> rows = writer.rows();
    return new Result(
        rows.get("sessions"), rows.get("page_views"), logs.getLong(0), logs.getLong(1), logs.getLong(2), events.getLong(0),
        events.getLong(1), recut);
  }

  private long full(Dataset<Row> hits, Map<String, Object> params) {
    hits.createOrReplaceTempView("web_hits");
    writer.write(WebIncrement.HITS_TABLE, SilverSql.run(spark, "session_hits", params), null)
        .createOrReplaceTempView("session_hits");
    resolvePersons(params);
    writer.write("page_views", SilverSql.run(spark, "page_views", params), "view_date");
    writer.write("sessions", SilverSql.run(spark, "sessions", params), "session_date");
    return 0;
  }

  private long incremental(Dataset<Row> fresh, Map<String, Object> params) {
    Dataset<Row> stored = spark.read().parquet(warehouse.silver(WebIncrement.HITS_TABLE).orElseThrow());
    // the new hits, materialised: they are read to find the visitors and again to cut them
    Dataset<Row> newHits = writer.writeWork("new_web_hits", fresh.select(columns(stored, fresh)));
    // a visitor is touched by a new hit of theirs, or by a new copy of an event they hold
    Dataset<Row> touched = newHits.select("visitor")
        .union(stored.join(broadcast(newHits.select("dedupe_key").distinct()), "dedupe_key").select("visitor"))
        .distinct();
    Dataset<Row> recutVisitors = writer.writeWork("recut_visitors", touched);
    long recut = recutVisitors.count();

    Dataset<Row> oldHitsOfTouched = stored.join(broadcast(recutVisitors), "visitor", "left_semi");
    oldHitsOfTouched.select(columns(stored, newHits)).unionByName(newHits).createOrReplaceTempView("web_hits");
    Dataset<Row> recutHits = writer.writeWork("recut_session_hits", SilverSql.run(spark, "session_hits", params));
    Dataset<Row> replacedSessions = writer.writeWork("replaced_sessions", oldHitsOfTouched.select("session_id").distinct());

    Dataset<Row> kept = stored.join(broadcast(recutVisitors), "visitor", "left_anti");
    writer.write(WebIncrement.HITS_TABLE, kept.select(columns(stored)).unionByName(recutHits), null)
        .createOrReplaceTempView("session_hits");
    Dataset<Row> persons = resolvePersons(params);

    // the new sessions and page views of the visitors cut again, from their hits only
    recutHits.createOrReplaceTempView("session_hits");
    Dataset<Row> newViews = SilverSql.run(spark, "page_views", params);
    Dataset<Row> newSessions = SilverSql.run(spark, "sessions", params);
    writer.write("page_views", carried("page_views", replacedSessions, persons).unionByName(newViews), "view_date");
    writer.write("sessions", carried("sessions", replacedSessions, persons).unionByName(newSessions), "session_date");
    return recut;
  }

  /** session_customers over the view session_hits, materialised and registered under that name. */
  private Dataset<Row> resolvePersons(Map<String, Object> params) {
    Dataset<Row> persons = writer.writeWork("session_customers", SilverSql.intermediate(spark, "session_customers", params));
    persons.createOrReplaceTempView("session_customers");
    return persons;
  }

  /** The current rows of a table whose sessions were not cut again, with their person resolved anew. */
  private Dataset<Row> carried(String table, Dataset<Row> replacedSessions, Dataset<Row> persons) {
    Dataset<Row> current = spark.read().parquet(warehouse.silver(table).orElseThrow());
    Dataset<Row> kept = current.join(replacedSessions, "session_id", "left_anti").drop("customer_id");
    return kept.join(persons, "session_id", "left").select(columns(current));
  }

  private static Column[] columns(Dataset<Row> like) {
    return Arrays.stream(like.columns()).map(c -> col(c)).toArray(Column[]::new);
  }

  /** The columns of {@code like} that {@code from} has, in {@code like}'s order. */
  private static Column[] columns(Dataset<Row> like, Dataset<Row> from) {
    java.util.Set<String> have = new java.util.HashSet<>(Arrays.asList(from.columns()));
    return Arrays.stream(like.columns()).filter(have::contains).map(c -> col(c)).toArray(Column[]::new);
  }
}
