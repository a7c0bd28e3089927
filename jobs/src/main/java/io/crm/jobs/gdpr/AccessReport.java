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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

  /** The report as written: the person's identities and pseudonymous keys, rows per table, and exports. */
  public record Result(Subject subject, Set<String> customerKeys, Map<String, List<Map<String, Object>>> tables,
      List<JsonNode> exports) {
    public long rows() {
      return tables.values().stream().mapToLong(List::size).sum();
    }
  }

  /** @param email or {@code customerId}: how the request names the person (one of them) */
  public Result run(String email, String customerId) {
    try (Connection c = DuckDbCatalog.openRestricted(workspace)) {
      Subject subject = resolve(c, email, customerId);
      Set<String> keys = customerKeys(c, subject);
      Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
      if (!subject.isEmpty()) {
        for (String view : views(c)) {
          List<Map<String, Object>> rows = rowsOf(c, view, subject, keys);
          if (!rows.isEmpty()) {
            tables.put(view, rows);
          }
        }
      }
      return new Result(subject, keys, tables, exports(subject));
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
        "cookies", r.subject().cookies(), "customer_keys", r.customerKeys()));
    doc.put("tables", r.tables());
    doc.put("exports", r.exports());
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      new ObjectMapper().findAndRegisterModules().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  /** The resolved person of the request and all their identities in silver. */
  private static Subject resolve(Connection c, String email, String customerId) throws SQLException {
    boolean silver = hasView(c, "silver", "identities") && hasView(c, "silver", "customers");
    return Subject.resolve(sql -> rows(c, sql), silver ? "silver.identities" : null, silver ? "silver.customers" : null,
        email, customerId);
  }

  /** The pseudonymous keys gold knows the person by, from silver's identities. */
  private static Set<String> customerKeys(Connection c, Subject s) throws SQLException {
    Set<String> keys = new TreeSet<>();
    if (s.customerIds().isEmpty() || !hasView(c, "silver", "identities")) {
      return keys;
    }
    String in = s.customerIds().stream().map(Subject::literal).collect(Collectors.joining(", "));
    for (List<String> row : rows(c, "SELECT DISTINCT customer_key FROM silver.identities WHERE customer_key IS NOT NULL"
        + " AND customer_id IN (" + in + ")")) {
      keys.add(row.get(0));
    }
    return keys;
  }

  private static List<List<String>> rows(Connection c, String sql) {
    List<List<String>> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("looking the person up in silver failed: " + e.getMessage(), e);
    }
    return out;
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
  private static List<Map<String, Object>> rowsOf(Connection c, String name, Subject s, Set<String> keys) throws SQLException {
    int dot = name.indexOf('.');
    String view = name.substring(0, dot) + "." + ident(name.substring(dot + 1));
    List<String> conditions = new ArrayList<>();
    for (String column : columns(c, view)) {
      String kind = IDENTITY_COLUMNS.get(column);
      Set<String> known = kind == null ? Set.of() : kind.equals("customer_key") ? keys : s.of(kind);
      if (!known.isEmpty()) {
        String values = known.stream().map(Subject::literal).collect(Collectors.joining(", "));
        conditions.add(kind.equals("email")
            ? "lower(trim(" + ident(column) + ")) IN (" + values + ")"
            : ident(column) + " IN (" + values + ")");
      }
      if (column.equals("raw_text")) {
        for (String needle : s.needles()) {
          conditions.add("contains(lower(raw_text), " + Subject.literal(needle.toLowerCase(Locale.ROOT)) + ")");
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

  private static List<String> columns(Connection c, String view) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE " + view)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private List<JsonNode> exports(Subject s) {
    return exports(workspace.requireLocalWarehouse("crm gdpr access").resolve("_runs").resolve(ExportLog.FILE), s);
  }

  /** The entries of the export log {@code log} whose address hashes include one of the person's addresses. */
  static List<JsonNode> exports(Path log, Subject s) {
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

  private static String ident(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
