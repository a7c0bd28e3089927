package io.crm.jobs.gdpr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.jobs.export.ExportLog;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the workspace holds about one person, for an access request (GDPR Art. 15): the
 * person's identities as resolved in silver, every row of every bronze, silver and gold table
 * (current and past snapshots) that names one of them, quarantined lines that contain them, and
 * the exports that held the person's address. Gold rows name the person by their pseudonymous
 * customer_key, which silver maps back. Reads the warehouse through the owner's restricted catalog
 * ({@link DuckDbCatalog#openRestricted}: crm.duckdb has neither bronze nor personal columns);
 * writes nothing but the answer.
 */
public final class AccessReport {
  /** Columns that identify a person in some table, and the kind of identity each holds. */
  private static final Map<String, String> IDENTITY_COLUMNS = Map.of(
      "customer_id", "customer_id", "source_customer_id", "customer_id", "user_id", "customer_id",
      "email", "email", "cookie_id", "cookie", "anonymous_id", "cookie", "customer_key", "customer_key");

  private final Workspace workspace;

  public AccessReport(Workspace workspace) {
    this.workspace = workspace;
  }

  /** The person behind an e-mail address or a customer id, with every identity they have. */
  public record Subject(Set<String> customerIds, Set<String> emails, Set<String> cookies, Set<String> customerKeys) {
    Set<String> of(String kind) {
      return switch (kind) {
        case "customer_id" -> customerIds;
        case "customer_key" -> customerKeys;
        case "email" -> emails;
        default -> cookies;
      };
    }

    boolean isEmpty() {
      return customerIds.isEmpty() && emails.isEmpty() && cookies.isEmpty();
    }
  }

  /** The report as written: the person's identities, rows per table, and exports. */
  public record Result(Subject subject, Map<String, List<Map<String, Object>>> tables, List<JsonNode> exports) {
    public long rows() {
      return tables.values().stream().mapToLong(List::size).sum();
    }
  }

  /** @param email or {@code customerId}: how the request names the person (one of them) */
  public Result run(String email, String customerId) {
    try (Connection c = DuckDbCatalog.openRestricted(workspace)) {
      Subject subject = resolve(c, email, customerId);
      Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
      if (!subject.isEmpty()) {
        for (String view : views(c)) {
          List<Map<String, Object>> rows = rowsOf(c, view, subject);
          if (!rows.isEmpty()) {
            tables.put(view, rows);
          }
        }
      }
      return new Result(subject, tables, exports(subject));
    } catch (SQLException e) {
      throw new IllegalStateException("reading the warehouse for an access request failed: " + e.getMessage(), e);
    }
  }

  /** Writes the report as one JSON document. */
  public static void write(Result r, String request, Path out) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("request", request);
    doc.put("generated_at", Instant.now().toString());
    doc.put("identities", Map.of("customer_ids", r.subject().customerIds(), "emails", r.subject().emails(),
        "cookies", r.subject().cookies(), "customer_keys", r.subject().customerKeys()));
    doc.put("tables", r.tables());
    doc.put("exports", r.exports());
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      new ObjectMapper().findAndRegisterModules().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  /** The resolved person(s) of the request and all their identities in silver. */
  private Subject resolve(Connection c, String email, String customerId) throws SQLException {
    Set<String> persons = new LinkedHashSet<>();
    String type = email != null ? "email" : "customer_id";
    String value = email != null ? email.trim().toLowerCase(Locale.ROOT) : customerId.trim();
    if (hasView(c, "silver", "identities") && hasView(c, "silver", "customers")) {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT DISTINCT customer_id FROM silver.identities WHERE identity_type = ? AND identity_value = ? AND customer_id IS NOT NULL"
              + " UNION SELECT customer_id FROM silver.customers WHERE customer_id = ?")) {
        st.setString(1, type);
        st.setString(2, value);
        st.setString(3, value);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            persons.add(rs.getString(1));
          }
        }
      }
    }
    Set<String> ids = new LinkedHashSet<>(persons);
    Set<String> emails = new LinkedHashSet<>();
    Set<String> cookies = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>();
    (email != null ? emails : ids).add(value);
    if (!persons.isEmpty()) {
      String in = persons.stream().map(AccessReport::literal).collect(Collectors.joining(", "));
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(
              "SELECT identity_type, identity_value, customer_key FROM silver.identities WHERE customer_id IN (" + in + ")")) {
        while (rs.next()) {
          if (rs.getString(3) != null) {
            keys.add(rs.getString(3));
          }
          switch (rs.getString(1)) {
            case "email" -> emails.add(rs.getString(2));
            case "cookie" -> cookies.add(rs.getString(2));
            default -> ids.add(rs.getString(2));
          }
        }
      }
    }
    return new Subject(ids, emails, cookies, keys);
  }

  private static List<String> views(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal ORDER BY schema_name, view_name")) {
      while (rs.next()) {
        out.add(rs.getString(1) + "." + rs.getString(2));
      }
    }
    return out;
  }

  private static boolean hasView(Connection c, String schema, String name) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT count(*) FROM duckdb_views() WHERE schema_name = ? AND view_name = ?")) {
      st.setString(1, schema);
      st.setString(2, name);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }

  /** Rows of a view naming the person in an identity column, or (quarantine) in the original text. */
  private static List<Map<String, Object>> rowsOf(Connection c, String name, Subject s) throws SQLException {
    int dot = name.indexOf('.');
    String view = name.substring(0, dot) + "." + ident(name.substring(dot + 1));
    List<String> conditions = new ArrayList<>();
    for (String column : columns(c, view)) {
      String kind = IDENTITY_COLUMNS.get(column);
      if (kind != null && !s.of(kind).isEmpty()) {
        String values = s.of(kind).stream().map(AccessReport::literal).collect(Collectors.joining(", "));
        conditions.add(kind.equals("email")
            ? "lower(trim(" + ident(column) + ")) IN (" + values + ")"
            : ident(column) + " IN (" + values + ")");
      }
      if (column.equals("raw_text")) {
        for (String needle : needles(s)) {
          conditions.add("contains(lower(raw_text), " + literal(needle.toLowerCase(Locale.ROOT)) + ")");
        }
      }
    }
    if (conditions.isEmpty()) {
      return List.of();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + view + " WHERE " + String.join(" OR ", conditions))) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.put(md.getColumnName(i), v == null || v instanceof Number || v instanceof Boolean || v instanceof String ? v : v.toString());
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * What is searched in quarantined text: e-mails and cookies, and customer ids of four or more
   * characters (shorter ones would match unrelated lines).
   */
  private static List<String> needles(Subject s) {
    List<String> out = new ArrayList<>(s.emails());
    out.addAll(s.cookies());
    s.customerIds().stream().filter(id -> id.length() >= 4).forEach(out::add);
    return out;
  }

  private static List<String> columns(Connection c, String view) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE " + view)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** The export log's entries whose address hashes include one of the person's addresses. */
  private List<JsonNode> exports(Subject s) {
    Path log = workspace.requireLocalWarehouse("crm gdpr access").resolve("_runs").resolve(ExportLog.FILE);
    List<JsonNode> out = new ArrayList<>();
    if (!Files.isRegularFile(log) || s.emails().isEmpty()) {
      return out;
    }
    Set<String> hashes = s.emails().stream().map(AccessReport::sha256).collect(Collectors.toSet());
    ObjectMapper json = new ObjectMapper();
    try {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode entry = json.readTree(line);
        for (JsonNode h : entry.path("email_sha256")) {
          if (hashes.contains(h.asText())) {
            Map<String, Object> summary = new LinkedHashMap<>();
            for (String f : List.of("exported_at", "as_of", "selection", "format", "file", "columns", "rows")) {
              summary.put(f, entry.get(f));
            }
            out.add(json.valueToTree(summary));
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
    return out;
  }

  static String sha256(String email) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String ident(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
