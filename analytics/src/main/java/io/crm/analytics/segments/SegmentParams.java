package io.crm.analytics.segments;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Business parameters of the segmentation, the {@code segments:} section of crm.yaml. Every
 * value has a documented default (README, "Segments").
 *
 * @param rfmGrid segment name for each recency score (row 0 = R5 .. row 4 = R1) and FM score
 *     (column 0 = FM1 .. column 4 = FM5), FM being the rounded mean of F and M
 * @param newDays a buyer whose first purchase is at most this many days old is "new"
 * @param activeDays last purchase at most this many days ago: active (or new, or reactivated)
 * @param atRiskDays up to this many days: at risk; beyond it lapsed
 * @param lapsedDays up to this many days: lapsed; beyond it lost
 * @param tierAShare customers making up the first this share of revenue are tier A
 * @param tierBShare up to this cumulative share tier B, the rest tier C
 * @param clustersK fixed number of behavioural clusters, or 0 to pick k by silhouette
 * @param clustersMinK smallest k tried
 * @param clustersMaxK largest k tried
 * @param seed random seed for sampling and k-means
 */
public record SegmentParams(
    List<List<String>> rfmGrid,
    int newDays,
    int activeDays,
    int atRiskDays,
    int lapsedDays,
    double tierAShare,
    double tierBShare,
    int clustersK,
    int clustersMinK,
    int clustersMaxK,
    long seed)
    implements Serializable {

  /** The default RFM grid: rows R5..R1, columns FM1..FM5. */
  public static final List<List<String>> DEFAULT_GRID =
      List.of(
          List.of("New", "Potential loyalists", "Potential loyalists", "Champions", "Champions"),
          List.of("Promising", "Potential loyalists", "Potential loyalists", "Loyal", "Champions"),
          List.of("About to sleep", "About to sleep", "Need attention", "Loyal", "Loyal"),
          List.of("Hibernating", "Hibernating", "At risk", "At risk", "Can't lose"),
          List.of("Lost", "Lost", "At risk", "At risk", "Can't lose"));

  public SegmentParams {
    if (rfmGrid.size() != 5 || rfmGrid.stream().anyMatch(r -> r.size() != 5)) {
      throw new IllegalArgumentException("segments.rfm_grid must have 5 rows (R5..R1) of 5 names (FM1..FM5), got " + rfmGrid);
    }
    if (!(0 < newDays && newDays <= activeDays && activeDays < atRiskDays && atRiskDays < lapsedDays)) {
      throw new IllegalArgumentException(
          "segments lifecycle thresholds must satisfy 0 < new_days <= active_days < at_risk_days < lapsed_days, got "
              + newDays + ", " + activeDays + ", " + atRiskDays + ", " + lapsedDays);
    }
    if (!(0 < tierAShare && tierAShare < tierBShare && tierBShare <= 1)) {
      throw new IllegalArgumentException(
          "segments tier shares must satisfy 0 < tier_a_share < tier_b_share <= 1, got " + tierAShare + ", " + tierBShare);
    }
    if (clustersK < 0 || clustersK == 1 || clustersMinK < 2 || clustersMaxK < clustersMinK) {
      throw new IllegalArgumentException(
          "segments clusters: k must be 0 (auto) or >= 2 and 2 <= k_min <= k_max, got k=" + clustersK
              + ", k_min=" + clustersMinK + ", k_max=" + clustersMaxK);
    }
  }

  public static SegmentParams defaults() {
    return fromMap(Map.of());
  }

  /** Reads the {@code segments:} section; absent keys take their defaults. */
  public static SegmentParams fromMap(Map<String, Object> section) {
    Map<String, Object> clusters = map(section.get("clusters"), "segments.clusters");
    return new SegmentParams(
        grid(section.get("rfm_grid")),
        integer(section, "new_days", 90, "segments."),
        integer(section, "active_days", 180, "segments."),
        integer(section, "at_risk_days", 365, "segments."),
        integer(section, "lapsed_days", 730, "segments."),
        number(section, "tier_a_share", 0.80, "segments."),
        number(section, "tier_b_share", 0.95, "segments."),
        clusterK(clusters.get("k")),
        integer(clusters, "k_min", 3, "segments.clusters."),
        integer(clusters, "k_max", 8, "segments.clusters."),
        integer(section, "seed", 42, "segments."));
  }

  /** Segment name for recency score r and frequency/monetary scores f and m (all 1..5). */
  public String segmentOf(int r, int f, int m) {
    int fm = (f + m + 1) / 2;
    return rfmGrid.get(5 - r).get(fm - 1);
  }

  /** The distinct segment names, in grid order. */
  public List<String> segmentNames() {
    List<String> names = new ArrayList<>();
    rfmGrid.forEach(row -> row.forEach(n -> {
      if (!names.contains(n)) {
        names.add(n);
      }
    }));
    return names;
  }

  private static int clusterK(Object v) {
    if (v == null || "auto".equals(v)) {
      return 0;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    throw new IllegalArgumentException("segments.clusters.k must be a number or 'auto', got '" + v + "'");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object v, String path) {
    if (v == null) {
      return Map.of();
    }
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException(path + " must be a mapping, got '" + v + "'");
  }

  private static List<List<String>> grid(Object v) {
    if (v == null) {
      return DEFAULT_GRID;
    }
    if (!(v instanceof List<?> rows)) {
      throw new IllegalArgumentException("segments.rfm_grid must be a list of 5 lists, got '" + v + "'");
    }
    List<List<String>> out = new ArrayList<>();
    for (Object row : rows) {
      if (!(row instanceof List<?> cells)) {
        throw new IllegalArgumentException("segments.rfm_grid rows must be lists of names, got '" + row + "'");
      }
      out.add(cells.stream().map(String::valueOf).toList());
    }
    return List.copyOf(out);
  }

  private static int integer(Map<String, Object> m, String key, int fallback, String path) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException(path + key + " must be a whole number, got '" + v + "'");
  }

  private static double number(Map<String, Object> m, String key, double fallback, String path) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(path + key + " must be a number, got '" + v + "'");
  }
}
