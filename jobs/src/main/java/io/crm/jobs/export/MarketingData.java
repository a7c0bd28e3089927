package io.crm.jobs.export;

import io.crm.analytics.marketing.ConsentEvent;
import io.crm.analytics.marketing.CustomerProfile;
import io.crm.analytics.marketing.PurchaseHistory;
import io.crm.jobs.cli.UserException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an export reads, through the owner's restricted catalog ({@code DuckDbCatalog.openRestricted}):
 * gold (the latest snapshot, or gold_history for an earlier as_of) and silver. Gold knows
 * customers only by their pseudonymous customer_key; silver.customers maps it back to the
 * customer_id and e-mail address that marketing needs. Returns plain rows keyed by customer_id;
 * the rules live in analytics.
 */
public final class MarketingData {
  private final Connection connection;
  private final LocalDate asOf;
  private final boolean latest;
  private final Set<String> views;

  private MarketingData(Connection connection, LocalDate asOf, boolean latest, Set<String> views) {
    this.connection = connection;
    this.asOf = asOf;
    this.latest = latest;
    this.views = views;
  }

  /**
   * Opens the data of a snapshot: {@code requested} null means the latest segments snapshot. A
   * date without a segments snapshot is refused, listing the dates there are.
   */
  public static MarketingData open(Connection connection, LocalDate requested) throws SQLException {
    Set<String> views = new TreeSet<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT table_schema || '.' || table_name FROM information_schema.tables")) {
      while (rs.next()) {
        views.add(rs.getString(1));
      }
    }
    for (String needed : List.of("gold_history.segments", "gold.segments", "silver.contacts", "silver.customers")) {
      if (!views.contains(needed)) {
        throw new UserException("the warehouse has no table " + needed + " yet: run `crm nightly` (or conform and segment) first");
      }
    }
    List<LocalDate> dates = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT DISTINCT CAST(as_of_date AS DATE) FROM gold_history.segments ORDER BY 1")) {
      while (rs.next()) {
        dates.add(rs.getObject(1, LocalDate.class));
      }
    }
    if (dates.isEmpty()) {
      throw new UserException("gold.segments is empty: run `crm segment` first");
    }
    LocalDate newest = dates.get(dates.size() - 1);
    if (requested == null || requested.equals(newest)) {
      return new MarketingData(connection, newest, true, views);
    }
    if (!dates.contains(requested)) {
      throw new UserException("no segments snapshot as of " + requested + "; snapshots: "
          + String.join(", ", dates.stream().map(LocalDate::toString).toList()));
    }
    return new MarketingData(connection, requested, false, views);
  }

  public LocalDate asOf() {
    return asOf;
  }

  /** A gold table of the snapshot, as a FROM item; an empty stand-in when the table was never built. */
  private String gold(String table, String emptyColumns) {
    if (latest && views.contains("gold." + table)) {
      return "gold." + table;
    }
    if (views.contains("gold_history." + table)) {
      return "(SELECT * EXCLUDE (as_of_date) FROM gold_history." + table + " WHERE CAST(as_of_date AS DATE) = DATE '" + asOf + "')";
    }
    return "(SELECT " + emptyColumns + " WHERE false)";
  }

  /**
   * One row per customer of the snapshot with every column an export can show, keyed by column
   * name; plus the addresses known for them ({@code known_emails}, a list).
   */
  public List<Map<String, Object>> customers() throws SQLException {
    String sql = "WITH s AS (SELECT * FROM " + gold("segments", "") + "), "
        + "f AS (SELECT * FROM " + gold("customer_features", "NULL::VARCHAR AS customer_key, NULL::BIGINT AS orders, "
            + "NULL::DATE AS first_order_date, NULL::DATE AS last_order_date, NULL::BIGINT AS sessions_30d, "
            + "NULL::DOUBLE AS last_csat, NULL::DOUBLE AS last_nps, 0::BIGINT AS survey_responses") + "), "
        + "v AS (SELECT * FROM " + gold("clv", "NULL::VARCHAR AS customer_key, NULL::DOUBLE AS clv, NULL::DOUBLE AS p_alive") + "), "
        + "k AS (SELECT * FROM " + gold("churn_scores", "NULL::VARCHAR AS customer_key, NULL::DOUBLE AS churn_probability, "
            + "NULL::VARCHAR AS risk_band") + "), "
        + "person AS (SELECT customer_id, arg_min(first_name, sort_key) AS first_name, arg_min(last_name, sort_key) AS last_name, "
        + "  arg_min(company, sort_key) AS company, arg_min(street, sort_key) AS street, arg_min(postal_code, sort_key) AS postal_code, "
        + "  arg_min(city, sort_key) AS city, arg_min(phone, sort_key) AS phone, "
        + "  max(CASE WHEN is_newsletter_opt_in THEN opted_in_at END) AS opted_in_at, list(DISTINCT email) AS contact_emails "
        + "  FROM (SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY (first_name IS NULL), updated_at DESC NULLS LAST, "
        + "    source, contact_id) AS sort_key FROM silver.contacts WHERE customer_id IS NOT NULL) GROUP BY customer_id) "
        + "SELECT c.customer_id, c.email, p.first_name, p.last_name, p.company, coalesce(s.customer_type, c.customer_type) AS customer_type, "
        + "  coalesce(s.country, c.country) AS country, s.rfm_segment, s.lifecycle_stage, s.value_tier, s.cluster_label AS cluster, "
        + "  s.monetary_total AS net_revenue, f.orders, s.recency_days, f.first_order_date, f.last_order_date, f.sessions_30d, "
        + "  f.last_csat, f.last_nps, f.survey_responses, v.clv, v.p_alive, k.churn_probability, k.risk_band, "
        + "  p.street, p.postal_code, p.city, p.phone, CAST(p.opted_in_at AS DATE) AS opted_in_on, "
        + "  list_distinct(list_concat(coalesce(p.contact_emails, []), [c.email])) AS known_emails "
        // a key silver no longer maps (the person is gone from silver) is nobody to export
        + "FROM s JOIN silver.customers c ON c.customer_key = s.customer_key "
        + "LEFT JOIN f ON f.customer_key = s.customer_key LEFT JOIN v ON v.customer_key = s.customer_key "
        + "LEFT JOIN k ON k.customer_key = s.customer_key LEFT JOIN person p ON p.customer_id = c.customer_id "
        + "ORDER BY c.customer_id";
    List<Map<String, Object>> out = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), plain(rs.getObject(i)));
        }
        out.add(row);
      }
    }
    return out;
  }

  /** The fields the campaign rules look at, from a row of {@link #customers()}. */
  public static CustomerProfile profile(Map<String, Object> row) {
    return new CustomerProfile(
        (String) row.get("customer_id"), (String) row.get("customer_type"), (String) row.get("rfm_segment"),
        (String) row.get("lifecycle_stage"), (String) row.get("value_tier"), (String) row.get("cluster"),
        number(row.get("net_revenue"), 0.0), number(row.get("clv"), null), number(row.get("p_alive"), null),
        number(row.get("churn_probability"), null), (String) row.get("risk_band"),
        row.get("recency_days") == null ? null : ((Number) row.get("recency_days")).intValue(),
        number(row.get("sessions_30d"), 0.0).intValue(), number(row.get("last_csat"), null), number(row.get("last_nps"), null),
        number(row.get("survey_responses"), 0.0).intValue());
  }

  /**
   * Consent states of every contact linked to a customer: an opt-in dated when it was given
   * (else when recorded), a state without consent dated when it was recorded.
   */
  public List<ConsentEvent> consentEvents() throws SQLException {
    String sql = "SELECT customer_id, source, is_newsletter_opt_in, "
        + "epoch_ms(CASE WHEN is_newsletter_opt_in THEN coalesce(opted_in_at, updated_at) ELSE updated_at END) AS at_ms "
        + "FROM silver.contacts WHERE customer_id IS NOT NULL";
    List<ConsentEvent> out = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        long ms = rs.getLong("at_ms");
        Instant at = rs.wasNull() ? null : Instant.ofEpochMilli(ms);
        out.add(new ConsentEvent(rs.getString("customer_id"), rs.getString("source"), rs.getBoolean("is_newsletter_opt_in"), at));
      }
    }
    return out;
  }

  /**
   * Non-cancelled, non-returned order lines up to as_of at the item level given ("category" or
   * "product"), grouped into baskets per order or per customer.
   */
  public PurchaseHistory purchases(String item, String basket) throws SQLException {
    String itemExpr = item.equals("product") ? "coalesce(product_name, sku)" : "category";
    String basketExpr = basket.equals("customer") ? "coalesce(customer_id, 'order:' || order_id)" : "order_id";
    String sql = "SELECT " + basketExpr + " AS basket, customer_id, " + itemExpr + " AS item, line_amount "
        + "FROM silver.order_lines WHERE order_date <= ? AND NOT coalesce(is_return, false) "
        + "AND coalesce(status, '') <> 'cancelled' AND " + itemExpr + " IS NOT NULL";
    Map<String, Set<String>> baskets = new LinkedHashMap<>();
    Map<String, Set<String>> boughtBy = new HashMap<>();
    Map<String, double[]> sums = new HashMap<>();
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setObject(1, asOf);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String itemName = rs.getString("item");
          baskets.computeIfAbsent(rs.getString("basket"), k -> new TreeSet<>()).add(itemName);
          String customer = rs.getString("customer_id");
          if (customer != null) {
            boughtBy.computeIfAbsent(customer, k -> new TreeSet<>()).add(itemName);
          }
          double[] s = sums.computeIfAbsent(itemName, k -> new double[2]);
          s[0] += rs.getDouble("line_amount");
          s[1]++;
        }
      }
    }
    Map<String, Double> itemValue = new HashMap<>();
    sums.forEach((k, s) -> itemValue.put(k, s[0] / s[1]));
    return new PurchaseHistory(new ArrayList<>(baskets.values()), boughtBy, itemValue);
  }

  private static Double number(Object v, Double fallback) {
    return v == null ? fallback : Double.valueOf(((Number) v).doubleValue());
  }

  /** JDBC values as the export writers take them: Double, Long, LocalDate, Instant, String, List. */
  private static Object plain(Object v) throws SQLException {
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof java.sql.Array a) {
      List<Object> out = new ArrayList<>();
      for (Object x : (Object[]) a.getArray()) {
        out.add(x);
      }
      return out;
    }
    return v;
  }
}
