package io.crm.etl.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reads a source's `derive:` section: canonical field -> list of rules ({@link DeriveRule}).
 * Checked here, at the boundary, so a typo in a regular expression or a SQL expression stops the
 * run with its YAML path instead of quarantining every row.
 */
final class DeriveRules {
  private static final List<String> STATUSES = List.of("completed", "cancelled", "returned");

  private DeriveRules() {}

  static Map<String, List<DeriveRule>> parse(
      String at, Object value, SourceKind kind, SourceFormat format, Dialect dialect, Map<String, String> status) {
    Map<String, List<DeriveRule>> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    if (format != SourceFormat.CSV) {
      throw new IllegalArgumentException(at + ": derive rules read raw columns, so they apply to CSV sources only, not " + format.yamlName());
    }
    for (Map.Entry<String, Object> e : SourceConfigParser.map(at, value).entrySet()) {
      String field = e.getKey();
      String fieldAt = at + "." + field;
      SourceConfigParser.canonical(fieldAt, field, kind);
      if (kind.field(field).orElseThrow().type() != FieldType.STRING) {
        throw new IllegalArgumentException(fieldAt + ": only text fields can be derived, '" + field + "' is "
            + kind.field(field).orElseThrow().type().name().toLowerCase(Locale.ROOT));
      }
      Object listValue = e.getValue();
      List<?> items = listValue instanceof List<?> l ? l : List.of(SourceConfigParser.required(fieldAt, listValue));
      if (items.isEmpty()) {
        throw new IllegalArgumentException(fieldAt + ": needs at least one rule");
      }
      List<DeriveRule> rules = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        rules.add(rule(fieldAt + "[" + i + "]", items.get(i), field, dialect, status));
      }
      if (rules.size() > 1 && rules.stream().anyMatch(DeriveRule::isSql)) {
        // a sql rule runs in Spark after the row is parsed, so it cannot take its turn among prefix and regex rules
        throw new IllegalArgumentException(fieldAt + ": a sql rule must be the field's only rule (a CASE expression covers several cases)");
      }
      out.put(field, List.copyOf(rules));
    }
    return Map.copyOf(out);
  }

  private static DeriveRule rule(String at, Object item, String field, Dialect dialect, Map<String, String> status) {
    Map<String, Object> m = SourceConfigParser.map(at, SourceConfigParser.required(at, item));
    SourceConfigParser.unknownKeys(at, m, Set.of("column", "prefix", "regex", "sql", "value"));
    int kinds = (m.containsKey("prefix") ? 1 : 0) + (m.containsKey("regex") ? 1 : 0) + (m.containsKey("sql") ? 1 : 0);
    if (kinds != 1) {
      throw new IllegalArgumentException(at + ": give exactly one of prefix, regex or sql, got " + m.keySet());
    }
    if (m.containsKey("sql")) {
      if (m.containsKey("column") || m.containsKey("value")) {
        throw new IllegalArgumentException(at + ": a sql rule names its columns in the expression and its result is the value; drop column and value");
      }
      if (!dialect.header()) {
        throw new IllegalArgumentException(at + ".sql: needs column names, so the dialect must have a header");
      }
      String sql = SourceConfigParser.text(at + ".sql", SourceConfigParser.required(at + ".sql", m.get("sql")));
      return new DeriveRule(null, null, null, sql, null, columnsOf(at + ".sql", sql));
    }
    String column = SourceConfigParser.text(at + ".column", SourceConfigParser.required(at + ".column", m.get("column"))).trim();
    if (column.isEmpty()) {
      throw new IllegalArgumentException(at + ".column: must not be blank");
    }
    if (!dialect.header()) {
      try {
        if (Integer.parseInt(column) < 1) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(at + ".column: '" + column + "' must be a 1-based position (the dialect has header: false)", ex);
      }
    }
    String v = SourceConfigParser.text(at + ".value", SourceConfigParser.required(at + ".value", m.get("value")));
    if (field.equals("status") && !STATUSES.contains(v) && !status.containsKey(v.trim().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          at + ".value: '" + v + "' is neither a status " + STATUSES + " nor a raw value listed under status");
    }
    if (m.containsKey("prefix")) {
      String prefix = SourceConfigParser.text(at + ".prefix", m.get("prefix"));
      if (prefix.isEmpty()) {
        throw new IllegalArgumentException(at + ".prefix: must not be empty");
      }
      return new DeriveRule(column, prefix, null, null, v, List.of());
    }
    String regex = SourceConfigParser.text(at + ".regex", m.get("regex"));
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException ex) {
      throw new IllegalArgumentException(at + ".regex: '" + regex + "' is not a regular expression: " + ex.getDescription(), ex);
    }
    return new DeriveRule(column, null, regex, null, v, List.of());
  }

  /** The column names a SQL expression refers to; a syntax error names the expression. */
  static List<String> columnsOf(String at, String sql) {
    Expression e;
    try {
      e = CatalystSqlParser$.MODULE$.parseExpression(sql);
    } catch (Exception ex) { // Spark's ParseException is checked in Java's eyes, though Scala throws it freely
      throw new IllegalArgumentException(at + ": '" + sql + "' is not a Spark SQL expression: " + firstLine(ex.getMessage()), ex);
    }
    List<String> out = new ArrayList<>();
    collect(e, out);
    if (out.isEmpty()) {
      throw new IllegalArgumentException(at + ": '" + sql + "' names no column of the file");
    }
    for (String c : out) {
      if (c.startsWith("_")) {
        throw new IllegalArgumentException(at + ": column '" + c + "' starts with _, which the ingest keeps for itself");
      }
    }
    return List.copyOf(out);
  }

  private static void collect(Expression e, List<String> out) {
    if (e instanceof UnresolvedAttribute a) {
      String name = String.join(".", CollectionConverters.asJava(a.nameParts()));
      if (!out.contains(name)) {
        out.add(name);
      }
      return;
    }
    for (Expression child : CollectionConverters.asJava(e.children())) {
      collect(child, out);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
