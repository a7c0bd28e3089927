package io.crm.etl.conform;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Cuts web traffic into visits and writes silver.sessions and silver.page_views (views
 * stg_web_logs, stg_web_events, identities). Bot requests and static assets are not lost but
 * counted: the result says how many of each were filtered. The rules are in
 * sql/intermediate/web_hits.sql and session_hits.sql, sql/silver/sessions.sql and page_views.sql.
 */
public final class Sessionization {
  /** Inactivity that ends a session. */
  public static final Duration SESSION_TIMEOUT = Duration.ofMinutes(30);

  private final SparkSession spark;
  private final SilverWriter writer;
  private final ZoneId zone;

  public Sessionization(SparkSession spark, SilverWriter writer, ZoneId zone) {
    this.spark = spark;
    this.writer = writer;
    this.zone = zone;
  }

  /**
   * Rows written per table and what was filtered: logRequests = staticAssets + logBotRequests +
   * log hits kept; events likewise without static assets.
   */
  public record Result(
      long sessions, long pageViews, long logRequests, long logBotRequests, long staticAssets, long events, long eventBotEvents) {}

  public Result run() {
    Map<String, Object> params =
        Map.of("timezone", zone.getId(), "session_timeout_micros", SESSION_TIMEOUT.toNanos() / 1000);
    Row logs =
        spark.sql(
                "SELECT count(*), count_if(is_bot), count_if(NOT is_bot AND is_static_asset) FROM stg_web_logs")
            .first();
    Row events = spark.sql("SELECT count(*), count_if(is_bot) FROM stg_web_events").first();
    SilverSql.intermediate(spark, "web_hits", params).createOrReplaceTempView("web_hits");
    writer.writeWork("session_hits", SilverSql.intermediate(spark, "session_hits", params)).createOrReplaceTempView("session_hits");
    writer.write("page_views", SilverSql.run(spark, "page_views", params), "view_date");
    writer.write("sessions", SilverSql.run(spark, "sessions", params), "session_date");
    Map<String, Long> rows = writer.rows();
    return new Result(
        rows.get("sessions"), rows.get("page_views"), logs.getLong(0), logs.getLong(1), logs.getLong(2), events.getLong(0), events.getLong(1));
  }
}
