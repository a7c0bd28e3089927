package io.crm.etl.conform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.crm.warehouse.SessionCustomers;
import io.crm.warehouse.TableVersions;
import java.sql.Date;
import java.sql.Timestamp;
import io.crm.warehouse.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Cuts web traffic into visits and writes silver.session_hits, silver.sessions,
 * silver.page_views, silver.session_users and silver.session_customers in two parts:
 * {@link #cutHits} (views stg_web_logs, stg_web_events) before identities are resolved, whose web
 * evidence is the session hits, and {@link #run} (view identities) after. Bot requests and static assets are not lost but
 * counted: the result says how many of each were filtered. The rules are in
 * sql/intermediate/web_hits.sql and sql/silver/session_hits.sql, sessions.sql, page_views.sql,
 * session_users.sql and session_customers.sql.
 *
 * <p>Incrementally (see {@link BronzeIncrement}) the staged views hold only the new bronze files.
 * Only the stored sessions a new hit can change are cut again, together with the new hits: a
 * session of a visitor with new hits that ends less than the session timeout before the visitor's
 * first new hit, or later (an older one is 30 minutes or more before every new hit, so no new hit
 * can join it), and a session holding a tracker event that a new hit delivers again. Their old
 * sessions and page views are replaced; every other session stays as it was. Nothing of a session
 * depends on the visitor's other sessions, so this gives the same rows as cutting everything
 * again. The person of a session is not part of it: silver.session_customers is resolved again for
 * all sessions every run, from each session's cookie and logins (silver.session_users), because a
 * new login or order can merge persons without a new hit of the visitor (see
 * {@link io.crm.warehouse.SessionCustomers}). A full refresh cuts all of bronze plus
 * the stored hits of retired ingest dates, whose bronze retention may have deleted.
 *
 * <p>session_hits, sessions and page_views are written sorted by time (session start, view time),
 * at most {@link #ROWS_PER_FILE} rows per file, so each file covers a range of time. A night
 * rewrites only the files that hold a session it cuts again (mostly the newest) and hard-links the
 * others into the new version.
 */
public final class Sessionization {
  /** Inactivity that ends a session. */
  public static final Duration SESSION_TIMEOUT = Duration.ofMinutes(30);

  private final SparkSession spark;
  private final SilverWriter writer;
  private final Warehouse warehouse;
  private static final String HITS_TABLE = "session_hits";
  /** The logins of each session, which session_customers reads beside silver.sessions. */
  private static final String USERS_TABLE = "session_users";
  /** Rows per file of session_hits, sessions and page_views: some 50 MB of Parquet or less. */
  static final long ROWS_PER_FILE = 1_000_000;

  private final Map<String, Object> params;
  private final ZoneId zone;
  private final long rowsPerFile;
  private BronzeIncrement increment;
  /** The session hits of the visitors this run cut (all of them in a full refresh). */
  private Dataset<Row> recutHits;
  /**
   * Sessions the run cut again (session_id, started_at as stored), whose old rows are replaced
   * (null: a full refresh replaces all).
   */
  private Dataset<Row> replacedSessions;
  /** The business date the first replaced session started on (null: none replaced). */
  private LocalDate firstReplacedDay;
  /** The stored session hits in the files that can hold a replaced session (null: none replaced). */
  private Dataset<Row> replacedFrom;
  private long recutVisitors;
  /** silver.session_hits as this run wrote it. */
  private Dataset<Row> allHits;
  /** Whether a new hit delivered again a tracker event the stored hits held. */
  private boolean redelivers;

  public Sessionization(SparkSession spark, SilverWriter writer, Warehouse warehouse, ZoneId zone) {
    this(spark, writer, warehouse, zone, ROWS_PER_FILE);
  }

  /** @param rowsPerFile rows per file of the web tables (tests take few, to see files linked) */
  Sessionization(SparkSession spark, SilverWriter writer, Warehouse warehouse, ZoneId zone, long rowsPerFile) {
    this.spark = spark;
    this.writer = writer;
    this.warehouse = warehouse;
    this.params = Map.of("timezone", zone.getId(), "session_timeout_micros", SESSION_TIMEOUT.toNanos() / 1000);
    this.zone = zone;
    this.rowsPerFile = rowsPerFile;
    writer.keepRanges(HITS_TABLE, List.of("ts", "session_started_at"));
  }

  /**
   * Rows written per table and what was filtered: logRequests = staticAssets + logBotRequests +
   * log hits kept; events likewise without static assets (of the bronze rows read this run).
   * recutVisitors: visitors with new hits, whose open sessions were cut again (0 for a full refresh).
   */
  public record Result(
      long sessions, long pageViews, long logRequests, long logBotRequests, long staticAssets, long events,
      long eventBotEvents, long recutVisitors) {}

  /**
   * Cuts this run's web hits (from the staged views) into sessions and writes silver.session_hits,
   * which needs no person. A full refresh cuts all of bronze plus the stored hits of retired
   * ingest dates; an incremental run cuts again only the visitors with new hits. Call before
   * identities are resolved, whose web evidence is {@link #hitsCut()}, then {@link #run}.
   */
  public void cutHits(BronzeIncrement increment) {
    this.increment = increment;
    Dataset<Row> fresh = SilverSql.intermediate(spark, "web_hits", params);
    Dataset<Row> stored = TableVersions.silver(spark, warehouse, HITS_TABLE);
    Dataset<Row> hits;
    if (increment.incremental()) {
      hits = cutIncrementally(stored, fresh);
    } else {
      Dataset<Row> retired = increment.kept(spark, stored);
      (retired == null ? fresh : fresh.unionByName(BronzeIncrement.shaped(retired, fresh))).createOrReplaceTempView("web_hits");
      hits = writer.writeLinking(HITS_TABLE, SilverSql.run(spark, "session_hits", params), "session_started_at", rowsPerFile, List.of());
      recutHits = hits;
    }
    hits.createOrReplaceTempView("session_hits");
    allHits = hits;
  }

  /** The session hits {@link #cutHits} cut: the visitors with new hits, or all hits after a full refresh. */
  public Dataset<Row> hitsCut() {
    return recutHits;
  }

  /** silver.session_hits as {@link #cutHits} wrote it. */
  public Dataset<Row> allHits() {
    return allHits;
  }

  /**
   * Whether every hit of silver.session_hits is either in {@link #hitsCut()} or was stored before
   * and is kept unchanged: true for an incremental run that delivered no stored tracker event
   * again (a new copy replaces the stored one, which may have differed).
   */
  public boolean onlyAddedHits() {
    return increment.incremental() && !redelivers;
  }

  /**
   * Writes the sessions and page views of the hits {@link #cutHits} cut, the logins of every
   * session and the person of every session (view identities).
   */
  public Result run(LocalDate retainFrom) {
    Row logs =
        spark.sql(
                "SELECT count(*), count_if(is_bot), count_if(NOT is_bot AND is_static_asset) FROM stg_web_logs")
            .first();
    Row events = spark.sql("SELECT count(*), count_if(is_bot) FROM stg_web_events").first();
    // the sessions and page views of the visitors cut (all of them in a full refresh)
    recutHits.createOrReplaceTempView("session_hits");
    Dataset<Row> newViews = SilverSql.run(spark, "page_views", params);
    Dataset<Row> newSessions = SilverSql.run(spark, "sessions", params);
    Dataset<Row> sessions;
    if (replacedSessions == null) {
      writer.writeLinking("page_views", newViews, "viewed_at", rowsPerFile, List.of());
      sessions = writer.writeLinking("sessions", newSessions, "started_at", rowsPerFile, List.of());
    } else {
      patch("page_views", newViews, "viewed_at", "view_date");
      sessions = patch("sessions", newSessions, "started_at", "session_date");
    }
    sessions.createOrReplaceTempView("sessions");
    // the logins of the sessions not cut again are kept, unless there is nothing to keep them from
    Dataset<Row> storedUsers = replacedSessions == null ? null
        : TableVersions.silver(spark, warehouse, USERS_TABLE);
    if (storedUsers == null) {
      allHits.createOrReplaceTempView("session_hits");
      spark.sql("SELECT CAST(NULL AS STRING) AS session_id, CAST(NULL AS STRING) AS user_id WHERE FALSE")
          .createOrReplaceTempView("session_users_kept");
    } else {
      storedUsers.join(replacedSessions, "session_id", "left_anti").select("session_id", "user_id")
          .createOrReplaceTempView("session_users_kept");
    }
    writer.write(USERS_TABLE, SilverSql.run(spark, USERS_TABLE, params), null).createOrReplaceTempView(USERS_TABLE);
    // every session: any of them can get another person
    writer.write(SessionCustomers.TABLE, SilverSql.run(spark, SessionCustomers.TABLE, params), null);
    writer.write(BronzeIncrement.WEB.filesTable(), increment.files(spark, retainFrom), null);
    Map<String, Long> rows = writer.rows();
    return new Result(
        rows.get("sessions"), rows.get("page_views"), logs.getLong(0), logs.getLong(1), logs.getLong(2), events.getLong(0),
        events.getLong(1), recutVisitors);
  }

  /** The new session_hits: the stored sessions no new hit can change plus the others cut again. */
  private Dataset<Row> cutIncrementally(Dataset<Row> stored, Dataset<Row> fresh) {
    // the new hits, materialised: they are read to find the sessions they change and again to cut them
    Dataset<Row> newHits = writer.writeWork("new_web_hits", fresh.select(columns(stored, fresh)));
    Dataset<Row> firstNew = writer.writeWork("visitors_with_new_hits", newHits.groupBy("visitor").agg(min("ts").as("first_new_ts")));
    recutVisitors = firstNew.count();
    // a stored hit can only share a session with a new one if it is at most the timeout before the
    // visitor's first new hit: only the files that reach the earliest such time are read
    Timestamp firstNewHit = firstNew.agg(min("first_new_ts")).first().getTimestamp(0);
    Instant near = firstNewHit == null ? null : firstNewHit.toInstant().minus(SESSION_TIMEOUT);
    Dataset<Row> nearHits = near == null
        ? stored.limit(0)
        : writer.currentReaching(HITS_TABLE, "ts", near).where(col("ts").geq(lit(Timestamp.from(near))));
    // every hit of a session carries its start; a session reaching the visitor's first new hit
    // by less than the timeout is open
    Dataset<Row> open = nearHits
        .select("visitor", "session_id", "ts", "session_started_at")
        .join(firstNew, "visitor")
        .groupBy("session_id")
        .agg(max("ts").as("last_ts"), min("first_new_ts").as("first_new_ts"), min("session_started_at").as("started_at"))
        .where(expr("unix_micros(last_ts) > unix_micros(first_new_ts) - " + params.get("session_timeout_micros")))
        .select("session_id", "started_at");
    // a delivered event keeps its key but may come with another time: searched in every file
    Dataset<Row> redelivered = writer.writeWork("redelivered_sessions",
        stored.join(broadcast(newHits.select("dedupe_key").distinct()), "dedupe_key")
            .select(col("session_id"), col("session_started_at").as("started_at")));
    redelivers = !redelivered.isEmpty();
    replacedSessions = writer.writeWork("replaced_sessions", open.union(redelivered).distinct());
    Timestamp firstStart = replacedSessions.agg(min("started_at")).first().getTimestamp(0);
    firstReplacedDay = firstStart == null ? null : firstStart.toInstant().atZone(zone).toLocalDate();
    // every hit of a replaced session carries its start, the earliest of which is firstStart
    replacedFrom = firstStart == null ? null : writer.currentReaching(HITS_TABLE, "session_started_at", firstStart.toInstant());

    (replacedFrom == null ? stored.limit(0) : replacedFrom.join(replacedSessions, "session_id", "left_semi"))
        .select(columns(stored, newHits)).unionByName(newHits)
        .createOrReplaceTempView("web_hits");
    recutHits = writer.writeWork("recut_session_hits", SilverSql.run(spark, "session_hits", params));
    return writer.writePatched(HITS_TABLE, "session_id", replacedSessions, recutHits,
        replacedFrom == null ? stored.limit(0) : replacedFrom, "session_started_at", rowsPerFile);
  }

  /**
   * Writes a web table copy-on-write (see {@link SilverWriter#writePatched}): the replaced sessions'
   * rows give way to the rows cut again ({@code recut}). A table's business date is no earlier
   * than its session's start ({@code dateColumn}), so it is searched for replaced sessions only
   * from the first day one started, which skips most files.
   */
  private Dataset<Row> patch(String table, Dataset<Row> recut, String sortColumn, String dateColumn) {
    Dataset<Row> stored = TableVersions.read(spark, warehouse.silver(table).orElseThrow());
    Dataset<Row> searched = firstReplacedDay == null
        ? stored.limit(0)
        : stored.where(col(dateColumn).geq(lit(Date.valueOf(firstReplacedDay))));
    return writer.writePatched(table, "session_id", replacedSessions, recut, searched, sortColumn, rowsPerFile);
  }

  /** The columns of {@code like} that {@code from} has, in {@code like}'s order. */
  private static Column[] columns(Dataset<Row> like, Dataset<Row> from) {
    Set<String> have = new HashSet<>(Arrays.asList(from.columns()));
    return Arrays.stream(like.columns()).filter(have::contains).map(c -> col(c)).toArray(Column[]::new);
  }
}
