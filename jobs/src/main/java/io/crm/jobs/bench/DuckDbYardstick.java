package io.crm.jobs.bench;

import io.crm.analytics.cubes.CubeDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The yardstick: the core stages of a night written as plain DuckDB SQL over the same landing
 * files, so a figure of ours can be read against what a good single-node engine needs for the
 * same work. It is not a second implementation of the pipeline: it types, filters out and
 * de-duplicates bad rows the simple way, sessionises hits by cookie with the same 30-minute
 * timeout and builds the sales cube with the same grouping sets and measures as
 * sql/cubes/sales.yaml, but with a plain RFM-like stand-in for the segment, lifecycle and value
 * tier (ours come from the segment job). Gzip files cut off mid-stream are left out: DuckDB
 * refuses them as a whole.
 */
final class DuckDbYardstick {
  private static final String BOTS = "bot|crawl|spider|slurp|facebookexternalhit|python-requests|curl|wget|headlesschrome";
  private static final String LOG_LINE =
      "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"(\\S+) (\\S+) [^\"]*\" (\\d{3}) (\\d+|-) \"([^\"]*)\" \"([^\"]*)\"(?: \"([^\"]*)\")?$";

  /** One stage: its wall time and the rows it produced, by table. */
  record Stage(String name, double seconds, Map<String, Long> rows) {}

  private final Path landing;
  private final Path out;
  private final Set<String> skipped;
  private final int threads;
  private final long memoryLimitMb;

  /**
   * @param landing the landing folder of the workspace
   * @param out a folder for the yardstick's Parquet files (emptied first)
   * @param skipped landing-relative files to leave out (the cut-off gzip)
   * @param memoryLimitMb DuckDB's memory limit; it runs inside the bench's JVM, whose heap Spark
   *     has filled by then, so its default of 80 % of the machine could exhaust the machine
   */
  DuckDbYardstick(Path landing, Path out, Set<String> skipped, int threads, long memoryLimitMb) {
    this.landing = landing;
    this.out = out;
    this.skipped = skipped;
    this.threads = threads;
    this.memoryLimitMb = memoryLimitMb;
  }

  List<Stage> run(LocalDate asOf) {
    try {
      Bench.deleteTree(out);
      Files.createDirectories(out);
      List<Stage> stages = new ArrayList<>();
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
        exec(c, "SET threads = " + threads);
        exec(c, "SET preserve_insertion_order = false");
        exec(c, "SET memory_limit = '" + memoryLimitMb + "MB'");
        // an in-memory database spills only where it is told to
        exec(c, "SET temp_directory = '" + out.resolve("_spill").toAbsolutePath().toString().replace("'", "''") + "'");
        stages.add(ingest(c));
        stages.add(ordersAndSessions(c));
        stages.add(salesCube(c, asOf));
      }
      return stages;
    } catch (SQLException e) {
      throw new IllegalStateException("bench: the DuckDB yardstick failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Stage ingest(Connection c) throws SQLException {
    long started = System.nanoTime();
    Map<String, Long> rows = new LinkedHashMap<>();
    rows.put("transactions", copy(c, "transactions", """
        SELECT DISTINCT * FROM (
          SELECT nullif(trim(order_id), '') AS order_id, try_cast(order_ts AS TIMESTAMPTZ) AS order_ts,
                 nullif(trim(customer_id), '') AS customer_id, lower(nullif(trim(email), '')) AS email,
                 sku, product_name, category, try_cast(quantity AS INTEGER) AS quantity,
                 try_cast(unit_price AS DECIMAL(18,2)) AS unit_price, try_cast(discount AS DECIMAL(18,2)) AS discount,
                 try_cast(amount AS DECIMAL(18,2)) AS amount, currency, lower(channel) AS channel, upper(country) AS country,
                 CASE lower(status) WHEN 'delivered' THEN 'completed' WHEN 'shipped' THEN 'completed' ELSE lower(status) END AS status
          FROM read_csv(%s, header = true, all_varchar = true, ignore_errors = true))
        WHERE order_id IS NOT NULL AND order_ts IS NOT NULL AND quantity IS NOT NULL AND unit_price IS NOT NULL
          AND amount IS NOT NULL AND (customer_id IS NOT NULL OR email IS NOT NULL)
        """.formatted(files("transactions", ".csv.gz"))));
    rows.put("web_logs", copy(c, "web_logs", """
        SELECT m.ip, try_strptime(m.ts, '%%d/%%b/%%Y:%%H:%%M:%%S %%z') AS ts, m.method, m.url,
               CAST(m.status AS INTEGER) AS status, try_cast(m.bytes AS BIGINT) AS bytes, nullif(m.referrer, '-') AS referrer,
               m.user_agent, nullif(m.cookie, '-') AS cookie_id,
               regexp_matches(lower(m.user_agent), '%s') AS is_bot
        FROM (SELECT regexp_extract(line, '%s', ['ip', 'ts', 'method', 'url', 'status', 'bytes', 'referrer', 'user_agent', 'cookie']) AS m
              FROM read_csv(%s, columns = {'line': 'VARCHAR'}, header = false, delim = chr(1), quote = '', escape = '',
                            ignore_errors = true))
        WHERE m.ip <> '' AND try_strptime(m.ts, '%%d/%%b/%%Y:%%H:%%M:%%S %%z') IS NOT NULL
        """.formatted(BOTS, LOG_LINE.replace("'", "''"), files("web_logs", ".log.gz"))));
    rows.put("web_events", copy(c, "web_events", """
        SELECT DISTINCT ON (event_id) * FROM (
          SELECT event_id, try_cast(ts AS TIMESTAMPTZ) AS ts, anonymous_id, user_id, event, url, referrer,
                 utm_source, utm_medium, utm_campaign, user_agent, ip, order_id, sku,
                 regexp_matches(lower(user_agent), '%s') AS is_bot
          FROM read_json(%s, format = 'newline_delimited', ignore_errors = true,
                         columns = {event_id: 'VARCHAR', ts: 'VARCHAR', anonymous_id: 'VARCHAR', user_id: 'VARCHAR',
                                    event: 'VARCHAR', url: 'VARCHAR', referrer: 'VARCHAR', utm_source: 'VARCHAR',
                                    utm_medium: 'VARCHAR', utm_campaign: 'VARCHAR', user_agent: 'VARCHAR', ip: 'VARCHAR',
                                    order_id: 'VARCHAR', sku: 'VARCHAR'}))
        WHERE event_id IS NOT NULL AND ts IS NOT NULL AND anonymous_id IS NOT NULL
        """.formatted(BOTS, files("web_events", ".jsonl.gz"))));
    rows.put("contacts", copy(c, "contacts", """
        SELECT DISTINCT * FROM read_csv(%s, header = true, all_varchar = true, ignore_errors = true)
        WHERE coalesce(id, customer_number, email) IS NOT NULL
          AND try_strptime(created_at, '%%Y-%%m-%%d %%H:%%M:%%S') IS NOT NULL
        """.formatted(files("contacts", ".csv"))));
    rows.put("contacts_de", copy(c, "contacts_de", """
        SELECT DISTINCT * FROM read_csv(%s, header = true, all_varchar = true, ignore_errors = true, delim = ';',
                                        encoding = 'latin-1')
        WHERE coalesce("Kontakt-Nr", "Kundennummer", "E-Mail") IS NOT NULL
          AND try_strptime("Angelegt am", '%%d.%%m.%%Y %%H:%%M') IS NOT NULL
        """.formatted(files("contacts_de", ".csv"))));
    rows.put("surveys", copy(c, "surveys", """
        SELECT DISTINCT * FROM read_csv(%s, header = true, all_varchar = true, ignore_errors = true)
        WHERE response_id IS NOT NULL AND coalesce(customer_id, email) IS NOT NULL
          AND try_strptime(submitted_at, '%%Y-%%m-%%d %%H:%%M') IS NOT NULL
          AND try_cast(csat AS INTEGER) IS NOT NULL AND try_cast(nps AS INTEGER) IS NOT NULL
        """.formatted(files("surveys", ".csv"))));
    return new Stage("ingest", seconds(started), rows);
  }

  private Stage ordersAndSessions(Connection c) throws SQLException {
    long started = System.nanoTime();
    Map<String, Long> rows = new LinkedHashMap<>();
    rows.put("orders", copy(c, "orders", """
        SELECT order_id, min(order_ts) AS ordered_at, max(customer_id) AS customer_id, max(email) AS email,
               max(channel) AS channel, max(country) AS country, bool_and(customer_id IS NULL) AS is_guest,
               CASE WHEN bool_and(status = 'cancelled') THEN 'cancelled' ELSE 'completed' END AS status,
               sum(CASE WHEN status <> 'cancelled' THEN amount END) AS net_amount
        FROM read_parquet('%s') GROUP BY order_id
        """.formatted(parquet("transactions"))));
    rows.put("sessions", copy(c, "sessions", """
        WITH hits AS (
          SELECT coalesce(cookie_id, ip || '|' || user_agent) AS visitor, ts FROM read_parquet('%s') WHERE NOT is_bot
          UNION ALL
          SELECT anonymous_id, ts FROM read_parquet('%s') WHERE NOT is_bot
        ),
        starts AS (
          SELECT visitor, ts,
                 CASE WHEN ts - lag(ts) OVER (PARTITION BY visitor ORDER BY ts) < INTERVAL 30 MINUTE THEN 0 ELSE 1 END AS is_start
          FROM hits
        ),
        numbered AS (
          SELECT visitor, ts, sum(is_start) OVER (PARTITION BY visitor ORDER BY ts ROWS UNBOUNDED PRECEDING) AS session_no
          FROM starts
        )
        SELECT visitor, session_no, min(ts) AS started_at, max(ts) AS ended_at, count(*) AS hits
        FROM numbered GROUP BY visitor, session_no
        """.formatted(parquet("web_logs"), parquet("web_events"))));
    return new Stage("orders and sessions", seconds(started), rows);
  }

  private Stage salesCube(Connection c, LocalDate asOf) throws SQLException {
    long started = System.nanoTime();
    CubeDefinition cube = CubeDefinition.named("sales");
    StringBuilder sets = new StringBuilder();
    for (List<String> set : cube.groupingSets()) {
      sets.append(sets.length() == 0 ? "" : ", ").append('(').append(String.join(", ", set)).append(')');
    }
    StringBuilder measures = new StringBuilder();
    cube.measures().forEach((name, expr) -> measures.append(expr).append(" AS ").append(name).append(", "));
    String sql = """
        WITH lines AS (
          SELECT *, CAST(timezone('Europe/Berlin', order_ts) AS DATE) AS order_date, quantity < 0 AS is_return,
                 coalesce(customer_id, 'guest:' || email) AS person
          FROM read_parquet('%1$s')
        ),
        orders AS (SELECT * FROM read_parquet('%2$s')),
        people AS (
          SELECT person, count(DISTINCT order_id) AS n, max(order_date) AS last_day, sum(amount) AS spend
          FROM lines WHERE status <> 'cancelled' AND order_date <= DATE '%3$s' GROUP BY person
        ),
        segments AS (
          SELECT person,
                 'F' || least(n, 5) || '-R' || CASE WHEN DATE '%3$s' - last_day < 90 THEN 1 WHEN DATE '%3$s' - last_day < 180 THEN 2
                                                      WHEN DATE '%3$s' - last_day < 365 THEN 3 ELSE 4 END AS segment,
                 CASE WHEN DATE '%3$s' - last_day < 180 THEN 'active' WHEN DATE '%3$s' - last_day < 365 THEN 'at risk'
                      WHEN DATE '%3$s' - last_day < 540 THEN 'lapsed' ELSE 'lost' END AS lifecycle_stage,
                 CASE ntile(3) OVER (ORDER BY spend DESC, person) WHEN 1 THEN 'A' WHEN 2 THEN 'B' ELSE 'C' END AS value_tier
          FROM people
        ),
        facts AS (
          SELECT CAST(year(l.order_date) AS VARCHAR) AS year, year(l.order_date) || '-Q' || quarter(l.order_date) AS quarter,
                 strftime(l.order_date, '%%Y-%%m') AS month, CAST(l.order_date AS VARCHAR) AS day,
                 coalesce(o.country, '(unknown)') AS country, coalesce(l.category, '(unknown)') AS category,
                 coalesce(l.sku, '(unknown)') AS product, coalesce(o.channel, '(unknown)') AS channel,
                 coalesce(s.segment, '(no purchase)') AS segment, coalesce(s.lifecycle_stage, '(unknown)') AS lifecycle_stage,
                 coalesce(s.value_tier, '(unknown)') AS value_tier,
                 -- the cube counts customer_key; the plain person stands in for it, as DuckDB has no
                 -- keyed hash and a one-to-one key does not change a distinct count
                 l.order_id, l.person AS customer_key,
                 CASE WHEN l.is_return THEN 0 ELSE l.amount END AS gross_amount, l.amount AS net_amount,
                 CASE WHEN l.is_return THEN -l.amount ELSE 0 END AS returned_amount,
                 CASE WHEN l.is_return THEN 0 ELSE l.quantity END AS units,
                 CASE WHEN l.is_return THEN -l.quantity ELSE 0 END AS returned_units
          FROM lines l JOIN orders o USING (order_id) LEFT JOIN segments s USING (person)
          WHERE l.order_date <= DATE '%3$s' AND o.status <> 'cancelled'
        )
        SELECT %4$s %5$s grouping_id(%6$s) AS grouping_id
        FROM facts GROUP BY GROUPING SETS (%7$s)
        """.formatted(parquet("transactions"), parquet("orders"), asOf, String.join(", ", cube.levels()) + ",",
            measures, String.join(", ", cube.levels()), sets);
    Map<String, Long> rows = new LinkedHashMap<>();
    rows.put("sales_cells", copy(c, "sales_cube", sql));
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT orders, net_revenue FROM read_parquet('" + parquet("sales_cube")
            + "') WHERE grouping_id = " + ((1L << cube.levels().size()) - 1))) {
      if (rs.next()) {
        rows.put("sales_total_orders", rs.getLong(1));
        rows.put("sales_total_net_revenue_cents", Math.round(rs.getDouble(2) * 100));
      }
    }
    return new Stage("sales cube", seconds(started), rows);
  }

  /** Writes the query's rows to {@code <out>/<name>.parquet}; returns how many. */
  private long copy(Connection c, String name, String query) throws SQLException {
    exec(c, "COPY (" + query + ") TO '" + parquet(name) + "' (FORMAT parquet)");
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + parquet(name) + "')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private String parquet(String name) {
    return out.resolve(name + ".parquet").toString().replace("'", "''");
  }

  /** The source's files as a DuckDB list literal, without the skipped ones. */
  private String files(String source, String suffix) {
    Path folder = landing.resolve(source);
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(folder)) {
      try (Stream<Path> s = Files.list(folder)) {
        s.filter(p -> p.getFileName().toString().endsWith(suffix))
            .filter(p -> !skipped.contains(landing.relativize(p).toString()))
            .sorted()
            .forEach(p -> names.add("'" + p.toString().replace("'", "''") + "'"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (names.isEmpty()) {
      throw new IllegalStateException("bench: no " + suffix + " files in " + folder);
    }
    return "[" + String.join(", ", names) + "]";
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  static String describe(Stage s) {
    return String.format(Locale.ROOT, "%s %.1f s %s", s.name(), s.seconds(), s.rows());
  }
}
