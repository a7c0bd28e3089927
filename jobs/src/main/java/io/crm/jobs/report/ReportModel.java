package io.crm.jobs.report;

import java.time.LocalDate;
import java.util.List;

/**
 * The figures of one management report, independent of language and layout: one record per
 * section. Built by {@link ReportFigures}, drawn by {@link ReportCharts} and {@link ReportHtml}.
 * A value that cannot be computed (no earlier snapshot, no survey answers) is {@code null}.
 */
public record ReportModel(
    LocalDate asOf,
    LocalDate compareTo,
    boolean compareIsSnapshot,
    String currency,
    List<KeyFigure> keyFigures,
    Clv clv,
    Segments segments,
    Churn churn,
    Satisfaction satisfaction,
    Quality quality,
    Definitions definitions) {

  /** How a key figure is written. */
  public enum Kind { COUNT, MONEY, SHARE, SCORE }

  /** Customer groups and measures of the tile row; {@code previous} is its value at compareTo. */
  public enum Figure {
    CUSTOMERS(Kind.COUNT, true),
    ACTIVE_CUSTOMERS(Kind.COUNT, true),
    NEW_CUSTOMERS(Kind.COUNT, true),
    LOST_CUSTOMERS(Kind.COUNT, false),
    REVENUE(Kind.MONEY, true),
    CLV_TOTAL(Kind.MONEY, true),
    CLV_AVERAGE(Kind.MONEY, true),
    HIGH_CHURN_RISK_SHARE(Kind.SHARE, false),
    CSI(Kind.SCORE, true),
    NPS(Kind.SCORE, true);

    public final Kind kind;
    public final boolean higherIsBetter;

    Figure(Kind kind, boolean higherIsBetter) {
      this.kind = kind;
      this.higherIsBetter = higherIsBetter;
    }
  }

  public record KeyFigure(Figure figure, Double value, Double previous) {
    public KeyFigure {
      if (value != null && value.isNaN()) {
        value = null;
      }
      if (previous != null && previous.isNaN()) {
        previous = null;
      }
    }

    public Double change() {
      return value == null || previous == null ? null : value - previous;
    }

    /** Relative change, only for counts and money with a non-zero base. */
    public Double relativeChange() {
      if (value == null || previous == null || previous == 0 || figure.kind == Kind.SHARE || figure.kind == Kind.SCORE) {
        return null;
      }
      return (value - previous) / Math.abs(previous);
    }
  }

  public KeyFigure figure(Figure f) {
    return keyFigures.stream().filter(k -> k.figure() == f).findFirst().orElseThrow();
  }

  /** Customers per CLV band; {@code upper} null for the open last band. */
  public record ClvBand(double lower, Double upper, long customers) {}

  /** A group of customers with their total and mean CLV. */
  public record ClvGroup(String name, long customers, double total, double average) {}

  public record Clv(
      long customers,
      double total,
      double topDecileShare,
      List<ClvBand> distribution,
      List<ClvGroup> bySegment,
      List<ClvGroup> byTier,
      long oneTimeBuyers,
      long dormantCustomers,
      long dormantStillAlive) {}

  /** Customers per RFM segment now and at the earlier snapshot (null when it has none). */
  public record SegmentSize(String segment, long customers, Long previous) {}

  /** One cell of the migration matrix: customers that moved from one segment to another. */
  public record Move(String from, String to, long customers) {}

  /**
   * Segment sizes now and at {@code sizesComparedWith}; the migration matrix since
   * {@code previousSnapshot}, the snapshot the segment step compared with.
   */
  public record Segments(LocalDate previousSnapshot, LocalDate sizesComparedWith, List<SegmentSize> sizes, List<String> fromAxis,
      List<String> toAxis, List<Move> moves) {
    public long moved(String from, String to) {
      return moves.stream().filter(m -> m.from().equals(from) && m.to().equals(to)).mapToLong(Move::customers).sum();
    }

    public long maxCell() {
      return moves.stream().mapToLong(Move::customers).max().orElse(0);
    }
  }

  /** Scored customers per risk band on one snapshot. */
  public record RiskBands(LocalDate asOf, long low, long medium, long high) {}

  /** The churn model's cross-validated ROC AUC on one training date and the P(alive) baseline's. */
  public record ModelQuality(LocalDate asOf, double rocAuc, Double baselineRocAuc, String learner) {}

  /** A feature and its share of the model's importance. */
  public record Driver(String feature, double share) {}

  public record Churn(List<RiskBands> bands, List<ModelQuality> auc, List<Driver> drivers) {}

  /** Survey figures for a group of answers. */
  public record Scores(String group, long responses, Double csi, Double nps) {}

  public record Comment(LocalDate date, String touchpoint, int csat, Integer nps, String text) {}

  /** Survey answers: per touchpoint over the window, per month (group yyyy-MM) over a year. */
  public record Satisfaction(int windowDays, List<Scores> byTouchpoint, List<Scores> byMonth, List<Comment> worstComments) {}

  /** A CLV snapshot whose horizon has passed: repeat purchase days it expected and those made. */
  public record Holdout(LocalDate snapshot, LocalDate until, long customers, double predicted, long actual) {
    public double error() {
      return actual == 0 ? Double.NaN : (predicted - actual) / actual;
    }
  }

  /** One source on one ingest night. */
  public record IngestNight(LocalDate night, String source, long read, long loaded, long quarantined, long duplicates) {}

  public record Quality(Holdout holdout, List<IngestNight> ingest) {}

  /** The parameters the footnotes quote. */
  public record Definitions(
      String clvModel,
      double horizonAmount,
      String horizonUnit,
      double discountRate,
      String discountPer,
      double margin,
      double riskMedium,
      double riskHigh,
      int churnHorizonDays,
      int periodDays,
      int satisfactionWindowDays,
      int activeDays) {}
}
