package io.crm.etl.conform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import io.crm.warehouse.Warehouse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Cuts web traffic into visits and writes silver.session_hits, silver.sessions and
 * silver.page_views in two parts: {@link #cutHits} (views stg_web_logs, stg_web_events) before
 * identities are resolved, whose web evidence is the session hits, and {@link #run} (view
 * identities) after. Bot requests and static
 * assets are not lost but counted: the result says how many of each were filtered. The rules are
 * in sql/intermediate/web_hits.sql and session_customers.sql, sql/silver/session_hits.sql,
 * sessions.sql and page_views.sql.
 *
 * <p>Incrementally (see {@link BronzeIncrement}) the staged views hold only the new bronze files.
 * Only the visitors with a new hit are cut again, from their hits in silver.session_hits plus
 * the new ones; their old sessions and page views are replaced. Every other visitor's sessions
 * stay as they were except for their person, which is resolved again for all sessions because a
 * new login or order can merge persons without a new hit of the visitor. Sessions are cut per
 * visitor, so this gives the same rows as cutting everything again. A full refresh cuts all of
 * bronze plus the stored hits of retired ingest dates, whose bronze retention may have deleted.
 */
public final class Sessionization {
  /** Inactivity that ends a session. */
  public static final Duration SESSION_TIMEOUT = Duration.ofMinutes(30);

  private final SparkSession spark;
  private final SilverWriter writer;
  private final Warehouse warehouse;
  private static final String HITS_TABLE = "session_hits";

  private final Map<String, Object> params;
  private BronzeIncrement increment;
  /** The session hits of the visitors this run cut (all of them in a full refresh). */
  private Dataset<Row> recutHits;
  /** Sessions the run cut again, whose old rows are replaced (null: a full refresh replaces all). */
  private Dataset<Row> replacedSessions;
  private long recutVisitors;

  public Sessionization(SparkSession spark, SilverWriter writer, Warehouse warehouse, ZoneId zone) {
    this.spark = spark;
    this.writer = writer;
    this.warehouse = warehouse;
    this.params = Map.of("timezone", zone.getId(), "session_timeout_micros", SESSION_TIMEOUT.toNanos() / 1000);
  }

  /**
   * Rows written per table and what was filtered: logRequests = staticAssets + logBotRequests +
   * log hits kept; events likewise without static assets (of the bronze rows read this run).
   * recutVisitors: visitors cut again from their stored hits (0 for a full refresh).
   */
  public record Result(
      long sessions, long pageViews, long logRequests, long logBotRequests, long staticAssets, long events,
      long eventBotEvents, long recutVisitors) {}

  /**
   * Cuts this run's web hits (from the staged views) into sessions and writes silver.session_hits,
   * which needs no person; registers it as the view {@code identity_web_hits}, the web traffic
   * identity resolution reads. A full refresh cuts all of bronze plus the stored hits of retired
   * ingest dates; an incremental run cuts again only the visitors with new hits. Call before
   * identities are resolved, then {@link #run}.
   */
  public void cutHits(BronzeIncrement increment) {
    this.increment = increment;
    Dataset<Row> fresh = SilverSql.intermediate(spark, "web_hits", params);
    Dataset<Row> stored = warehouse.silver(HITS_TABLE).map(p -> spark.read().parquet(p)).orElse(null);
    Dataset<Row> hits;
    if (increment.incremental()) {
      hits = cutIncrementally(stored, fresh);
    } else {
      Dataset<Row> retired = increment.kept(spark, stored);
      (retired == null ? fresh : fresh.unionByName(BronzeIncrement.shaped(retired, fresh))).createOrReplaceTempView("web_hits");
      hits = writer.write(HITS_TABLE, SilverSql.run(spark, "session_hits", params), null);
      recutHits = hits;
    }
    hits.createOrReplaceTempView("session_hits");
    hits.createOrReplaceTempView("identity_web_hits");
  }

  /** Writes the sessions and page views of the hits {@link #cutHits} cut, each with its person (view identities). */
  public Result run(LocalDate retainFrom) {
    Row logs =
        spark.sql(
                "SELECT count(*), count_if(is_bot), count_if(NOT is_bot AND is_static_asset) FROM stg_web_logs")
            .first();
    Row events = spark.sql("SELECT count(*), count_if(is_bot) FROM stg_web_events").first();
    Dataset<Row> persons = resolvePersons(params);
    // the sessions and page views of the visitors cut (all of them in a full refresh)
    recutHits.createOrReplaceTempView("session_hits");
    Dataset<Row> newViews = SilverSql.run(spark, "page_views", params);
    Dataset<Row> newSessions = SilverSql.run(spark, "sessions", params);
    if (replacedSessions == null) {
      writer.write("page_views", newViews, "view_date");
      writer.write("sessions", newSessions, "session_date");
    } else {
      writer.write("page_views", carried("page_views", replacedSessions, persons, newViews).unionByName(newViews), "view_date");
      writer.write("sessions", carried("sessions", replacedSessions, persons, newSessions).unionByName(newSessions), "session_date");
    }
    writer.write(BronzeIncrement.WEB.filesTable(), increment.files(spark, retainFrom), null);
    Map<String, Long> rows = writer.rows();
    return new Result(
        rows.get("sessions"), rows.get("page_views"), logs.getLong(0), logs.getLong(1), logs.getLong(2), events.getLong(0),
        events.getLong(1), recutVisitors);
  }

  /** The new session_hits: the stored hits of untouched visitors plus the touched ones cut again. */
  private Dataset<Row> cutIncrementally(Dataset<Row> stored, Dataset<Row> fresh) {
    // the new hits, materialised: they are read to find the visitors and again to cut them
    Dataset<Row> newHits = writer.writeWork("new_web_hits", fresh.select(columns(stored, fresh)));
    // a visitor is touched by a new hit of theirs, or by a new copy of an event they hold
    Dataset<Row> touched = newHits.select("visitor")
        .union(stored.join(broadcast(newHits.select("dedupe_key").distinct()), "dedupe_key").select("visitor"))
        .distinct();
    Dataset<Row> recut = writer.writeWork("recut_visitors", touched);
    recutVisitors = recut.count();

    Dataset<Row> oldHitsOfTouched = stored.join(broadcast(recut), "visitor", "left_semi");
    oldHitsOfTouched.select(columns(stored, newHits)).unionByName(newHits).createOrReplaceTempView("web_hits");
    recutHits = writer.writeWork("recut_session_hits", SilverSql.run(spark, "session_hits", params));
    replacedSessions = writer.writeWork("replaced_sessions", oldHitsOfTouched.select("session_id").distinct());
    Dataset<Row> kept = stored.join(broadcast(recut), "visitor", "left_anti");
    return writer.write(HITS_TABLE, kept.select(columns(stored)).unionByName(recutHits), null);
  }

  /** session_customers over the view session_hits, materialised and registered under that name. */
  private Dataset<Row> resolvePersons(Map<String, Object> params) {
    Dataset<Row> persons = writer.writeWork("session_customers", SilverSql.intermediate(spark, "session_customers", params));
    persons.createOrReplaceTempView("session_customers");
    return persons;
  }

  /**
   * The current rows of a table whose sessions were not cut again, with their person (customer_id
   * and customer_key) resolved anew, in the columns of {@code like}: rows written before
   * customer_key existed get it from the person too.
   */
  private Dataset<Row> carried(String table, Dataset<Row> replacedSessions, Dataset<Row> persons, Dataset<Row> like) {
    Dataset<Row> current = spark.read().parquet(warehouse.silver(table).orElseThrow());
    Dataset<Row> kept = current.join(replacedSessions, "session_id", "left_anti").drop("customer_id", "customer_key");
    return kept.join(persons, "session_id", "left").select(columns(like));
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
