package io.crm.jobs.report;

import io.crm.analytics.churn.ChurnParams;
import io.crm.analytics.clv.ClvParams;
import io.crm.analytics.clv.TimeUnit;
import io.crm.analytics.segments.SegmentParams;
import io.crm.jobs.cli.UserException;
import io.crm.jobs.report.ReportModel.Churn;
import io.crm.jobs.report.ReportModel.Clv;
import io.crm.jobs.report.ReportModel.ClvBand;
import io.crm.jobs.report.ReportModel.ClvGroup;
import io.crm.jobs.report.ReportModel.Comment;
import io.crm.jobs.report.ReportModel.Definitions;
import io.crm.jobs.report.ReportModel.Driver;
import io.crm.jobs.report.ReportModel.Figure;
import io.crm.jobs.report.ReportModel.Holdout;
import io.crm.jobs.report.ReportModel.IngestNight;
import io.crm.jobs.report.ReportModel.KeyFigure;
import io.crm.jobs.report.ReportModel.ModelQuality;
import io.crm.jobs.report.ReportModel.Move;
import io.crm.jobs.report.ReportModel.Quality;
import io.crm.jobs.report.ReportModel.RiskBands;
import io.crm.jobs.report.ReportModel.Satisfaction;
import io.crm.jobs.report.ReportModel.Scores;
import io.crm.jobs.report.ReportModel.SegmentSize;
import io.crm.jobs.report.ReportModel.Segments;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes the figures of the management report from the workspace's {@code crm.duckdb} views
 * (gold_history for every snapshot, silver for orders and survey answers) and the ingest
 * ledger. Reads nothing else, so the warehouse layout can change underneath it.
 */
public final class ReportFigures {
  /** Survey answers of this many days up to a date make its CSI and NPS. */
  public static final int SATISFACTION_WINDOW_DAYS = 90;
  /** The comparison period when there is no earlier snapshot and no --compare. */
  public static final int DEFAULT_PERIOD_DAYS = 30;
  static final String HIGH_BAND = "High";
  /** A purchase as silver orders.is_purchase defines it, spelled out for snapshots written before that column. */
  private static final String PURCHASE =
      "status <> 'cancelled' AND customer_key IS NOT NULL AND NOT (returned_amount > 0 AND net_amount <= 0)";
  private static final double[] CLV_EDGES = {0, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000};
  /** The RFM grid's segments from best to worst, the order of the charts and the matrix. */
  static final List<String> SEGMENT_ORDER = List.of(
      "Champions", "Loyal", "Potential loyalists", "New", "Promising", "Need attention",
      "About to sleep", "At risk", "Can't lose", "Hibernating", "Lost");
  private static final int NIGHTS = 7;
  private static final int COMMENTS = 5;
  private static final int DRIVERS = 8;
  private static final int HISTORY = 12;

  private final Workspace ws;
  private final ClvParams clvParams;
  private final ChurnParams churnParams;
  private final SegmentParams segmentParams;

  public ReportFigures(Workspace ws) {
    this.ws = ws;
    this.clvParams = ClvParams.fromMap(ws.config().section("clv"));
    this.churnParams = ChurnParams.fromMap(ws.config().section("churn"));
    this.segmentParams = SegmentParams.fromMap(ws.config().section("segments"));
  }

  /**
   * The report as of {@code asOf}, compared with {@code compare} (null: the previous segments
   * snapshot, else {@value #DEFAULT_PERIOD_DAYS} days earlier).
   */
  public ReportModel build(LocalDate asOf, LocalDate compare) {
    ws.requireLocalWarehouse("crm report");
    if (!Files.isRegularFile(ws.duckdb())) {
      throw new UserException("no " + ws.duckdb() + " yet: run `crm nightly` (or `crm serve`) first");
    }
    try (Connection c = DuckDbCatalog.openReadOnly(ws)) {
      Set<String> views = views(c);
      for (String needed : List.of("gold_history.segments", "silver.orders")) {
        if (!views.contains(needed)) {
          throw new UserException(ws.duckdb() + " has no view " + needed + ": run `crm nightly` first");
        }
      }
      List<LocalDate> snapshots = dates(c, "SELECT DISTINCT as_of_date FROM gold_history.segments ORDER BY 1");
      if (!snapshots.contains(asOf)) {
        throw new UserException("no segments snapshot as of " + asOf + "; snapshots: " + snapshots
            + " (run `crm nightly --as-of " + asOf + "`)");
      }
      LocalDate previousSnapshot = snapshots.stream().filter(d -> d.isBefore(asOf)).reduce((a, b) -> b).orElse(null);
      if (compare != null && !compare.isBefore(asOf)) {
        throw new UserException("--compare " + compare + " must be before the as_of date " + asOf);
      }
      LocalDate compareTo = compare != null ? compare : previousSnapshot != null ? previousSnapshot : asOf.minusDays(DEFAULT_PERIOD_DAYS);
      int period = (int) ChronoUnit.DAYS.between(compareTo, asOf);
      Query q = new Query(c, views);
      List<KeyFigure> figures = new ArrayList<>();
      for (Figure f : Figure.values()) {
        figures.add(new KeyFigure(f, keyFigure(q, f, asOf, period), keyFigure(q, f, compareTo, period)));
      }
      Definitions definitions = definitions(q, asOf, period);
      return new ReportModel(asOf, compareTo, snapshots.contains(compareTo), currency(q, asOf), figures,
          clv(q, asOf), segments(q, asOf, previousSnapshot, compare != null && snapshots.contains(compare) ? compare : previousSnapshot),
          churn(q, asOf), satisfaction(q, asOf), quality(q, asOf), definitions);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the report's figures from " + ws.duckdb() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The parameters the footnotes quote. The CLV ones come from the run that built the snapshot
   * (gold clv_models), so a later change of crm.yaml does not mislabel an older report.
   */
  private Definitions definitions(Query q, LocalDate asOf, int period) throws SQLException {
    String model = clvParams.model().id();
    double horizon = clvParams.horizon().amount();
    String horizonUnit = clvParams.horizon().unit().name().toLowerCase();
    double discount = clvParams.discountRate().rate();
    String discountPer = clvParams.discountRate().per().name().toLowerCase();
    double margin = clvParams.margin();
    if (q.hasSnapshot("gold_history.clv_models", asOf)) {
      try (PreparedStatement ps = q.c.prepareStatement("SELECT model, horizon, horizon_unit, discount_rate, discount_per, margin "
          + "FROM gold_history.clv_models WHERE as_of_date = ? ORDER BY computed_at DESC LIMIT 1")) {
        ps.setDate(1, Date.valueOf(asOf));
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getString(3) != null && rs.getString(5) != null) {
            model = rs.getString(1);
            horizon = rs.getDouble(2);
            horizonUnit = rs.getString(3).toLowerCase();
            discount = rs.getDouble(4);
            discountPer = rs.getString(5).toLowerCase();
            margin = rs.getDouble(6);
          }
        }
      }
    }
    return new Definitions(model, horizon, horizonUnit, discount, discountPer, margin, churnParams.mediumFrom(), churnParams.highFrom(),
        churnParams.horizonDays(), period, SATISFACTION_WINDOW_DAYS, segmentParams.activeDays());
  }

  /** A key figure on date {@code d}; null when the snapshot it needs does not exist. */
  Double keyFigure(Query q, Figure f, LocalDate d, int period) throws SQLException {
    LocalDate from = d.minusDays(period);
    String buyers = "FROM gold_history.segments WHERE as_of_date = ? AND lifecycle_stage <> 'prospect'";
    return switch (f) {
      case CUSTOMERS -> q.snapshotNumber("gold_history.segments", d, "SELECT count(*) " + buyers, d);
      case ACTIVE_CUSTOMERS -> q.snapshotNumber("gold_history.segments", d,
          "SELECT count(*) " + buyers + " AND lifecycle_stage IN ('new', 'active', 'reactivated')", d);
      case NEW_CUSTOMERS -> q.number(
          "SELECT count(*) FROM (SELECT customer_key, min(order_date) AS first_day FROM silver.orders "
              + "WHERE " + PURCHASE + " AND order_date <= ? GROUP BY 1) "
              + "WHERE first_day > ?", d, from);
      case LOST_CUSTOMERS -> q.number(
          "SELECT count(*) FROM (SELECT customer_key, max(order_date) AS last_day FROM silver.orders "
              + "WHERE " + PURCHASE + " AND order_date <= ? GROUP BY 1) "
              + "WHERE last_day > ? AND last_day <= ?",
          d, from.minusDays(segmentParams.activeDays()), d.minusDays(segmentParams.activeDays()));
      case REVENUE -> q.number(
          "SELECT coalesce(sum(net_amount), 0) FROM silver.orders WHERE status <> 'cancelled' AND order_date > ? AND order_date <= ?",
          from, d);
      case CLV_TOTAL -> q.snapshotNumber("gold_history.clv", d, "SELECT sum(clv) FROM gold_history.clv WHERE as_of_date = ?", d);
      case CLV_AVERAGE -> q.snapshotNumber("gold_history.clv", d, "SELECT avg(clv) FROM gold_history.clv WHERE as_of_date = ?", d);
      case HIGH_CHURN_RISK_SHARE -> q.snapshotNumber("gold_history.churn_scores", d,
          "SELECT avg(CASE WHEN risk_band = '" + HIGH_BAND + "' THEN 1.0 ELSE 0.0 END) FROM gold_history.churn_scores WHERE as_of_date = ?", d);
      case CSI -> q.has("silver.survey_responses") ? q.number(
          "SELECT avg((csat - 1) * 25.0) FROM silver.survey_responses WHERE csat IS NOT NULL AND response_date > ? AND response_date <= ?",
          d.minusDays(SATISFACTION_WINDOW_DAYS), d) : null;
      case NPS -> q.has("silver.survey_responses") ? q.number(
          "SELECT " + npsExpression("nps") + " FROM silver.survey_responses WHERE nps IS NOT NULL AND response_date > ? AND response_date <= ?",
          d.minusDays(SATISFACTION_WINDOW_DAYS), d) : null;
    };
  }

  private static String npsExpression(String col) {
    return "100.0 * (count(*) FILTER (WHERE " + col + " >= 9) - count(*) FILTER (WHERE " + col + " <= 6)) / nullif(count(" + col + "), 0)";
  }

  private static String csiExpression(String col) {
    return "avg((" + col + " - 1) * 25.0)";
  }

  /** crm.yaml's `currency:`, else the most common currency of the orders. */
  private String currency(Query q, LocalDate asOf) throws SQLException {
    String configured = ws.config().string("currency", "").trim();
    if (!configured.isEmpty()) {
      return configured.toUpperCase(Locale.ROOT);
    }
    String c = q.string("SELECT mode(currency) FROM silver.orders WHERE order_date <= ?", asOf);
    return c == null || c.isBlank() ? "EUR" : c;
  }

  private Clv clv(Query q, LocalDate asOf) throws SQLException {
    if (!q.hasSnapshot("gold_history.clv", asOf)) {
      return null;
    }
    String clv = "(SELECT * FROM gold_history.clv WHERE as_of_date = DATE '" + asOf + "')";
    String seg = "(SELECT * FROM gold_history.segments WHERE as_of_date = DATE '" + asOf + "')";
    double[] totals = q.row("SELECT count(*), coalesce(sum(clv), 0), max(clv) FROM " + clv);
    long customers = (long) totals[0];
    double total = totals[1];
    double top = q.number("SELECT coalesce(sum(clv), 0) FROM (SELECT clv, row_number() OVER (ORDER BY clv DESC, customer_key) AS r, "
        + "count(*) OVER () AS n FROM " + clv + ") WHERE r <= ceil(n / 10.0)");
    List<ClvBand> bands = new ArrayList<>();
    double max = totals[2];
    for (int i = 0; i < CLV_EDGES.length; i++) {
      double lower = CLV_EDGES[i];
      if (i > 0 && lower > max) {
        break;
      }
      boolean last = i == CLV_EDGES.length - 1 || CLV_EDGES[i + 1] > max;
      Double upper = last ? null : CLV_EDGES[i + 1];
      String lowerTest = i == 0 ? "TRUE" : "clv >= " + lower;
      String upperTest = upper == null ? "TRUE" : "clv < " + upper;
      long n = q.number("SELECT count(*) FROM " + clv + " WHERE " + lowerTest + " AND " + upperTest).longValue();
      bands.add(new ClvBand(lower, upper, n));
    }
    List<ClvGroup> bySegment = groups(q, "SELECT coalesce(s.rfm_segment, '-') AS g, count(*), sum(v.clv), avg(v.clv) FROM " + clv
        + " v JOIN " + seg + " s USING (customer_key) GROUP BY 1");
    bySegment.sort(Comparator.comparingInt((ClvGroup g) -> segmentRank(g.name())).thenComparing(ClvGroup::name));
    List<ClvGroup> byTier = groups(q, "SELECT coalesce(s.value_tier, '-') AS g, count(*), sum(v.clv), avg(v.clv) FROM " + clv
        + " v JOIN " + seg + " s USING (customer_key) GROUP BY 1 ORDER BY 1");
    long oneTime = q.number("SELECT count(*) FROM " + clv + " WHERE frequency = 0").longValue();
    double[] lost = q.row("SELECT count(*), count(*) FILTER (WHERE v.p_alive >= 0.5) FROM " + clv + " v JOIN " + seg
        + " s USING (customer_key) WHERE s.lifecycle_stage IN ('lapsed', 'lost')");
    return new Clv(customers, total, total == 0 ? 0 : top / total, bands, bySegment, byTier, oneTime, (long) lost[0], (long) lost[1]);
  }

  private static List<ClvGroup> groups(Query q, String sql) throws SQLException {
    List<ClvGroup> out = new ArrayList<>();
    try (ResultSet rs = q.c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        out.add(new ClvGroup(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4)));
      }
    }
    return out;
  }

  static int segmentRank(String segment) {
    int i = SEGMENT_ORDER.indexOf(segment);
    return i < 0 ? SEGMENT_ORDER.size() : i;
  }

  private Segments segments(Query q, LocalDate asOf, LocalDate previousSnapshot, LocalDate sizesAgainst) throws SQLException {
    Map<String, long[]> sizes = new TreeMap<>(Comparator.comparingInt(ReportFigures::segmentRank).thenComparing(s -> s));
    try (PreparedStatement ps = q.c.prepareStatement(
        "SELECT as_of_date, rfm_segment, count(*) FROM gold_history.segments WHERE as_of_date IN (?, ?) AND rfm_segment IS NOT NULL GROUP BY 1, 2")) {
      ps.setDate(1, Date.valueOf(asOf));
      ps.setDate(2, Date.valueOf(sizesAgainst == null ? asOf : sizesAgainst));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long[] v = sizes.computeIfAbsent(rs.getString(2), k -> new long[] {0, 0});
          v[rs.getDate(1).toLocalDate().equals(asOf) ? 0 : 1] = rs.getLong(3);
        }
      }
    }
    List<SegmentSize> sizeList = new ArrayList<>();
    sizes.forEach((s, v) -> sizeList.add(new SegmentSize(s, v[0], sizesAgainst == null ? null : v[1])));
    List<Move> moves = new ArrayList<>();
    if (previousSnapshot != null && q.hasSnapshot("gold_history.segment_migration", asOf)) {
      try (PreparedStatement ps = q.c.prepareStatement(
          "SELECT from_segment, to_segment, customers FROM gold_history.segment_migration WHERE as_of_date = ?")) {
        ps.setDate(1, Date.valueOf(asOf));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            moves.add(new Move(rs.getString(1), rs.getString(2), rs.getLong(3)));
          }
        }
      }
    }
    Comparator<String> order = Comparator.comparingInt(ReportFigures::segmentRank).thenComparing(s -> s);
    List<String> from = moves.stream().map(Move::from).distinct().sorted(order).toList();
    List<String> to = moves.stream().map(Move::to).distinct().sorted(order).toList();
    return new Segments(moves.isEmpty() ? null : previousSnapshot, sizesAgainst, sizeList, from, to, moves);
  }

  private Churn churn(Query q, LocalDate asOf) throws SQLException {
    List<RiskBands> bands = new ArrayList<>();
    if (q.has("gold_history.churn_scores")) {
      Map<LocalDate, long[]> byDate = new TreeMap<>();
      try (PreparedStatement ps = q.c.prepareStatement(
          "SELECT as_of_date, risk_band, count(*) FROM gold_history.churn_scores WHERE as_of_date IN "
              + "(SELECT DISTINCT as_of_date FROM gold_history.churn_scores WHERE as_of_date <= ? ORDER BY 1 DESC LIMIT " + HISTORY + ") "
              + "GROUP BY 1, 2")) {
        ps.setDate(1, Date.valueOf(asOf));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long[] v = byDate.computeIfAbsent(rs.getDate(1).toLocalDate(), k -> new long[3]);
            String band = rs.getString(2);
            v[HIGH_BAND.equals(band) ? 2 : "Medium".equals(band) ? 1 : 0] += rs.getLong(3);
          }
        }
      }
      byDate.forEach((d, v) -> bands.add(new RiskBands(d, v[0], v[1], v[2])));
    }
    List<ModelQuality> auc = new ArrayList<>();
    List<Driver> drivers = new ArrayList<>();
    if (q.has("gold_history.churn_model_metrics")) {
      try (PreparedStatement ps = q.c.prepareStatement(
          "SELECT as_of_date, roc_auc, baseline_roc_auc, learner FROM gold_history.churn_model_metrics WHERE as_of_date <= ? "
              + "ORDER BY as_of_date DESC LIMIT " + HISTORY)) {
        ps.setDate(1, Date.valueOf(asOf));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            double base = rs.getDouble(3);
            auc.add(0, new ModelQuality(rs.getDate(1).toLocalDate(), rs.getDouble(2), rs.wasNull() ? null : base, rs.getString(4)));
          }
        }
      }
      try (PreparedStatement ps = q.c.prepareStatement(
          "SELECT unnest(map_keys(feature_importance)) AS f, unnest(map_values(feature_importance)) AS s FROM "
              + "(SELECT feature_importance FROM gold_history.churn_model_metrics WHERE as_of_date <= ? ORDER BY as_of_date DESC LIMIT 1) "
              + "ORDER BY s DESC, f LIMIT " + DRIVERS)) {
        ps.setDate(1, Date.valueOf(asOf));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            drivers.add(new Driver(rs.getString(1), rs.getDouble(2)));
          }
        }
      }
    }
    return new Churn(bands, auc, drivers);
  }

  private Satisfaction satisfaction(Query q, LocalDate asOf) throws SQLException {
    List<Scores> byTouchpoint = new ArrayList<>();
    List<Scores> byMonth = new ArrayList<>();
    List<Comment> comments = new ArrayList<>();
    if (!q.has("silver.survey_responses")) {
      return new Satisfaction(SATISFACTION_WINDOW_DAYS, byTouchpoint, byMonth, comments);
    }
    LocalDate from = asOf.minusDays(SATISFACTION_WINDOW_DAYS);
    String scores = "count(*), " + csiExpression("csat") + ", " + npsExpression("nps");
    try (PreparedStatement ps = q.c.prepareStatement(
        "SELECT coalesce(touchpoint, '-'), " + scores + " FROM silver.survey_responses "
            + "WHERE response_date > ? AND response_date <= ? GROUP BY 1 ORDER BY 2 DESC, 1")) {
      ps.setDate(1, Date.valueOf(from));
      ps.setDate(2, Date.valueOf(asOf));
      readScores(ps, byTouchpoint);
    }
    LocalDate monthsFrom = YearMonth.from(asOf).minusMonths(HISTORY - 1).atDay(1);
    try (PreparedStatement ps = q.c.prepareStatement(
        "SELECT strftime(response_date, '%Y-%m'), " + scores + " FROM silver.survey_responses "
            + "WHERE response_date >= ? AND response_date <= ? GROUP BY 1 ORDER BY 1")) {
      ps.setDate(1, Date.valueOf(monthsFrom));
      ps.setDate(2, Date.valueOf(asOf));
      readScores(ps, byMonth);
    }
    try (PreparedStatement ps = q.c.prepareStatement(
        "SELECT response_date, coalesce(touchpoint, '-'), csat, nps, trim(comment) FROM silver.survey_responses "
            + "WHERE response_date > ? AND response_date <= ? AND csat IS NOT NULL AND length(trim(coalesce(comment, ''))) > 0 "
            + "ORDER BY csat, nps NULLS LAST, response_date DESC, response_id LIMIT " + COMMENTS)) {
      ps.setDate(1, Date.valueOf(from));
      ps.setDate(2, Date.valueOf(asOf));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int nps = rs.getInt(4);
          Integer npsValue = rs.wasNull() ? null : nps;
          comments.add(new Comment(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getInt(3), npsValue, rs.getString(5)));
        }
      }
    }
    return new Satisfaction(SATISFACTION_WINDOW_DAYS, byTouchpoint, byMonth, comments);
  }

  private static void readScores(PreparedStatement ps, List<Scores> out) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        double csi = rs.getDouble(3);
        Double csiValue = rs.wasNull() ? null : csi;
        double nps = rs.getDouble(4);
        Double npsValue = rs.wasNull() ? null : nps;
        out.add(new Scores(rs.getString(1), rs.getLong(2), csiValue, npsValue));
      }
    }
  }

  private Quality quality(Query q, LocalDate asOf) throws SQLException {
    return new Quality(holdout(q, asOf), ingestNights(q));
  }

  /**
   * The newest CLV snapshot whose whole horizon lies before {@code asOf}: the repeat purchase
   * days it expected from its customers against those they made (null when there is none yet).
   */
  private Holdout holdout(Query q, LocalDate asOf) throws SQLException {
    if (!q.has("gold_history.clv")) {
      return null;
    }
    try (PreparedStatement ps = q.c.prepareStatement(
        "SELECT DISTINCT as_of_date, horizon, horizon_unit FROM gold_history.clv WHERE as_of_date < ? ORDER BY 1 DESC")) {
      ps.setDate(1, Date.valueOf(asOf));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LocalDate snapshot = rs.getDate(1).toLocalDate();
          long days = Math.round(rs.getDouble(2) * TimeUnit.parse(rs.getString(3)).days());
          LocalDate until = snapshot.plusDays(days);
          if (until.isAfter(asOf)) {
            continue;
          }
          double[] v = q.row("SELECT count(*), coalesce(sum(expected_purchases), 0), "
              + "(SELECT count(*) FROM (SELECT DISTINCT o.customer_key, o.order_date FROM silver.orders o "
              + "  JOIN gold_history.clv c ON c.customer_key = o.customer_key AND c.as_of_date = DATE '" + snapshot + "' "
              + "  WHERE o.status <> 'cancelled' AND NOT (o.returned_amount > 0 AND o.net_amount <= 0) AND o.order_date > DATE '" + snapshot + "' AND o.order_date <= DATE '" + until + "')) "
              + "FROM gold_history.clv WHERE as_of_date = DATE '" + snapshot + "'");
          return new Holdout(snapshot, until, (long) v[0], v[1], (long) v[2]);
        }
      }
    }
    return null;
  }

  /** Rows read and quarantined per source on the last ingest nights, from the ingest ledger. */
  private List<IngestNight> ingestNights(Query q) throws SQLException {
    Path dir = ws.requireLocalWarehouse("crm report").resolve("_runs/ingest");
    List<IngestNight> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var files = Files.list(dir)) {
      if (files.noneMatch(p -> p.getFileName().toString().endsWith(".json"))) {
        return out;
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    String glob = "'" + (dir.toAbsolutePath() + "/*.json").replace("'", "''") + "'";
    String sql = "WITH runs AS (SELECT CAST(ingest_date AS DATE) AS night, source, read, loaded, quarantined, duplicates "
        + "FROM read_json(" + glob + ", columns = {ingest_date: 'VARCHAR', source: 'VARCHAR', read: 'BIGINT', loaded: 'BIGINT', "
        + "quarantined: 'BIGINT', duplicates: 'BIGINT'})) "
        + "SELECT night, source, sum(read), sum(loaded), sum(quarantined), sum(duplicates) FROM runs "
        + "WHERE night IN (SELECT DISTINCT night FROM runs ORDER BY 1 DESC LIMIT " + NIGHTS + ") GROUP BY 1, 2 ORDER BY 1 DESC, 2";
    try (ResultSet rs = q.c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        out.add(new IngestNight(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
      }
    }
    return out;
  }

  private static Set<String> views(Connection c) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (ResultSet rs = c.createStatement().executeQuery("SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<LocalDate> dates(Connection c, String sql) throws SQLException {
    List<LocalDate> out = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getDate(1).toLocalDate());
      }
    }
    return out;
  }

  /** Small helpers over one connection: parameters bound, dates as SQL dates. */
  static final class Query {
    final Connection c;
    private final Set<String> views;
    private final Map<String, Set<LocalDate>> snapshots = new LinkedHashMap<>();

    Query(Connection c, Set<String> views) {
      this.c = c;
      this.views = views;
    }

    boolean has(String view) {
      return views.contains(view);
    }

    boolean hasSnapshot(String view, LocalDate d) throws SQLException {
      if (!has(view)) {
        return false;
      }
      if (!snapshots.containsKey(view)) {
        snapshots.put(view, new LinkedHashSet<>(dates(c, "SELECT DISTINCT as_of_date FROM " + view)));
      }
      return snapshots.get(view).contains(d);
    }

    Double snapshotNumber(String view, LocalDate d, String sql, Object... args) throws SQLException {
      return hasSnapshot(view, d) ? number(sql, args) : null;
    }

    Double number(String sql, Object... args) throws SQLException {
      try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
        rs.next();
        double v = rs.getDouble(1);
        return rs.wasNull() ? null : v;
      }
    }

    String string(String sql, Object... args) throws SQLException {
      try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }

    double[] row(String sql, Object... args) throws SQLException {
      try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
        rs.next();
        double[] out = new double[rs.getMetaData().getColumnCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = rs.getDouble(i + 1);
        }
        return out;
      }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
      PreparedStatement ps = c.prepareStatement(sql);
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a instanceof LocalDate d) {
          ps.setDate(i + 1, Date.valueOf(d));
        } else {
          ps.setObject(i + 1, a);
        }
      }
      return ps;
    }
  }
}
