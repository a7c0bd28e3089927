package io.crm.etl.source;

import java.nio.charset.Charset;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the `sources:` section of crm.yaml (as the map the YAML reader produced) into validated
 * {@link SourceConfig}s. Every error names the YAML path and the bad value.
 */
public final class SourceConfigParser {
  private static final Set<String> SOURCE_KEYS =
      Set.of(
          "kind", "format", "path", "dialect", "columns", "defaults", "status", "log_format",
          "trailing_fields", "bot_agents", "quality", "derive", "require_customer", "remote_user",
          "cookie_prefix", "ip_addresses");
  private static final Set<String> DIALECT_KEYS =
      Set.of(
          "delimiter", "quote", "encoding", "decimal", "header", "timestamp_format", "date_format",
          "timezone", "max_record_bytes");
  private static final List<String> STATUSES = List.of("completed", "cancelled", "returned");

  private SourceConfigParser() {}

  /** All sources, in the order of the file. */
  public static Map<String, SourceConfig> parse(Map<String, ? extends Map<String, Object>> sources) {
    Map<String, SourceConfig> out = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends Map<String, Object>> e : sources.entrySet()) {
      out.put(e.getKey(), parseOne(e.getKey(), e.getValue()));
    }
    return out;
  }

  public static SourceConfig parseOne(String name, Map<String, Object> m) {
    String at = "sources." + name;
    if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          at + ": source name '" + name + "' must be letters, digits and _ (it names a table)");
    }
    unknownKeys(at, m, SOURCE_KEYS);
    SourceKind kind = enumValue(at + ".kind", required(at + ".kind", m.get("kind")), SourceKind.class);
    SourceFormat format =
        m.get("format") == null
            ? kind.format()
            : enumValue(at + ".format", m.get("format"), SourceFormat.class);
    if (format != kind.format()) {
      throw new IllegalArgumentException(
          at + ".format: '" + format.yamlName() + "' does not fit kind " + kind.yamlName()
              + " (it comes as " + kind.format().yamlName() + ")");
    }
    String path = text(at + ".path", required(at + ".path", m.get("path")));
    if (path.isBlank()) {
      throw new IllegalArgumentException(at + ".path: must not be blank");
    }
    Dialect dialect = dialect(at + ".dialect", map(at + ".dialect", m.get("dialect")));
    if (format != SourceFormat.CSV && m.get("dialect") != null) {
      Map<String, Object> d = map(at + ".dialect", m.get("dialect"));
      for (String k : d.keySet()) {
        if (!Set.of("encoding", "timestamp_format", "timezone", "max_record_bytes").contains(k)) {
          throw new IllegalArgumentException(
              at + ".dialect." + k + ": only encoding, timestamp_format, timezone and max_record_bytes apply to "
                  + format.yamlName() + " files");
        }
      }
    }
    Map<String, String> columns = columns(at + ".columns", m.get("columns"), kind, format, dialect);
    Map<String, String> defaults = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(at + ".defaults", m.get("defaults")).entrySet()) {
      String key = at + ".defaults." + e.getKey();
      canonical(key, e.getKey(), kind);
      defaults.put(e.getKey(), e.getValue() == null ? null : scalar(key, e.getValue()));
    }
    Map<String, String> status = status(at + ".status", m.get("status"), kind);
    LogFormat logFormat = LogFormat.COMBINED;
    List<String> trailing = List.of();
    if (m.get("log_format") != null || m.get("trailing_fields") != null) {
      if (kind != SourceKind.WEB_LOGS) {
        throw new IllegalArgumentException(
            at + ": log_format and trailing_fields apply to kind web_logs only, not " + kind.yamlName());
      }
    }
    if (m.get("log_format") != null) {
      logFormat = enumValue(at + ".log_format", m.get("log_format"), LogFormat.class);
    }
    if (m.get("trailing_fields") != null) {
      trailing = stringList(at + ".trailing_fields", m.get("trailing_fields"));
      for (String t : trailing) {
        if (!t.matches("[a-z][a-z0-9_]*") || kind.field(t).isPresent()) {
          throw new IllegalArgumentException(
              at + ".trailing_fields: '" + t + "' must be a new lower-case field name");
        }
      }
      if (logFormat == LogFormat.COMMON && !trailing.isEmpty()) {
        throw new IllegalArgumentException(
            at + ".trailing_fields: " + trailing + " needs log_format combined (they follow the user agent)");
      }
    }
    List<String> bots = List.of();
    if (m.get("bot_agents") != null && !kind.flagsBots()) {
      throw new IllegalArgumentException(
          at + ".bot_agents: applies to web_logs and web_events, not " + kind.yamlName());
    }
    if (kind.flagsBots()) {
      bots =
          m.get("bot_agents") == null
              ? SourceConfig.DEFAULT_BOT_AGENTS
              : stringList(at + ".bot_agents", m.get("bot_agents")).stream()
                  .map(s -> s.toLowerCase(Locale.ROOT))
                  .toList();
      for (String b : bots) {
        if (b.isBlank()) {
          throw new IllegalArgumentException(at + ".bot_agents: blank entry in " + bots);
        }
      }
    }
    Map<String, List<DeriveRule>> derive = DeriveRules.parse(at + ".derive", m.get("derive"), kind, format, dialect, status);
    boolean requireCustomer = false;
    if (m.containsKey("require_customer")) {
      if (kind != SourceKind.TRANSACTIONS) {
        throw new IllegalArgumentException(at + ".require_customer: applies to transactions only, not " + kind.yamlName());
      }
      requireCustomer = bool(at + ".require_customer", m.get("require_customer"));
    }
    boolean remoteUser = false;
    String cookiePrefix = null;
    if ((m.containsKey("remote_user") || m.containsKey("cookie_prefix")) && kind != SourceKind.WEB_LOGS) {
      throw new IllegalArgumentException(at + ": remote_user and cookie_prefix apply to kind web_logs only, not " + kind.yamlName());
    }
    if (m.containsKey("remote_user")) {
      String v = text(at + ".remote_user", m.get("remote_user")).trim();
      if (!v.equals("customer_id") && !v.equals("ignore")) {
        throw new IllegalArgumentException(at + ".remote_user: '" + v + "' must be customer_id or ignore");
      }
      remoteUser = v.equals("customer_id");
    }
    if (m.containsKey("cookie_prefix")) {
      cookiePrefix = text(at + ".cookie_prefix", required(at + ".cookie_prefix", m.get("cookie_prefix")));
      if (cookiePrefix.isBlank()) {
        throw new IllegalArgumentException(at + ".cookie_prefix: must not be blank");
      }
      if (!trailing.contains("cookie_id")) {
        throw new IllegalArgumentException(
            at + ".cookie_prefix: '" + cookiePrefix + "' needs a trailing field cookie_id (trailing_fields: " + trailing + ")");
      }
    }
    boolean fullIp = false;
    if (m.get("ip_addresses") != null) {
      String v = text(at + ".ip_addresses", m.get("ip_addresses")).trim().toLowerCase(Locale.ROOT);
      if (!v.equals("shortened") && !v.equals("full")) {
        throw new IllegalArgumentException(at + ".ip_addresses: '" + m.get("ip_addresses") + "' must be shortened or full");
      }
      fullIp = v.equals("full");
    }
    return new SourceConfig(
        name, kind, format, path, dialect, Map.copyOf(columns), defaults, Map.copyOf(status),
        logFormat, List.copyOf(trailing), List.copyOf(bots), derive, requireCustomer, remoteUser, cookiePrefix, fullIp);
  }

  private static Dialect dialect(String at, Map<String, Object> m) {
    unknownKeys(at, m, DIALECT_KEYS);
    Dialect d = Dialect.defaults();
    Character delimiter = d.delimiter();
    if (m.containsKey("delimiter")) {
      String v = text(at + ".delimiter", m.get("delimiter"));
      if (v.equalsIgnoreCase(Dialect.WHITESPACE)) {
        delimiter = null;
      } else if (v.equalsIgnoreCase("tab") || v.equals("\\t")) {
        delimiter = '\t';
      } else if (v.length() == 1 && v.charAt(0) != '\n' && v.charAt(0) != '\r' && v.charAt(0) != '"') {
        delimiter = v.charAt(0);
      } else {
        throw new IllegalArgumentException(
            at + ".delimiter: '" + v + "' is not a delimiter (one character such as , ; | or \"\\t\", or whitespace)");
      }
    }
    Character quote = d.quote();
    if (m.containsKey("quote")) {
      Object q = m.get("quote");
      String v = q == null ? "" : text(at + ".quote", q);
      if (v.isEmpty() || v.equalsIgnoreCase("none")) {
        quote = null;
      } else if (v.length() == 1) {
        quote = v.charAt(0);
      } else {
        throw new IllegalArgumentException(at + ".quote: '" + v + "' must be one character or none");
      }
    }
    if (quote != null && delimiter != null && quote.equals(delimiter)) {
      throw new IllegalArgumentException(at + ".quote: '" + quote + "' is also the delimiter");
    }
    String encoding = d.encoding();
    if (m.containsKey("encoding")) {
      encoding = text(at + ".encoding", m.get("encoding"));
      try {
        encoding = Charset.forName(encoding).name();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ".encoding: unknown encoding '" + encoding + "'", e);
      }
    }
    char decimal = d.decimal();
    if (m.containsKey("decimal")) {
      String v = text(at + ".decimal", m.get("decimal"));
      if (!v.equals(".") && !v.equals(",")) {
        throw new IllegalArgumentException(at + ".decimal: '" + v + "' must be \".\" or \",\"");
      }
      decimal = v.charAt(0);
      if (delimiter != null && delimiter == decimal && quote == null) {
        throw new IllegalArgumentException(at + ".decimal: '" + v + "' is also the delimiter and fields are not quoted");
      }
    }
    boolean header = d.header();
    if (m.containsKey("header")) {
      Object h = m.get("header");
      if (!(h instanceof Boolean b)) {
        throw new IllegalArgumentException(at + ".header: '" + h + "' must be true or false");
      }
      header = b;
    }
    String ts = d.timestampFormat();
    if (m.containsKey("timestamp_format")) {
      ts = pattern(at + ".timestamp_format", m.get("timestamp_format"));
    }
    String date = d.dateFormat();
    if (m.containsKey("date_format")) {
      date = pattern(at + ".date_format", m.get("date_format"));
    }
    ZoneId zone = d.timezone();
    if (m.containsKey("timezone")) {
      zone = TimeZones.parse(at + ".timezone", text(at + ".timezone", m.get("timezone")));
    }
    int maxRecordBytes = d.maxRecordBytes();
    if (m.containsKey("max_record_bytes")) {
      Object v = m.get("max_record_bytes");
      if (!(v instanceof Integer n) || n < 1_000) {
        throw new IllegalArgumentException(at + ".max_record_bytes: '" + v + "' must be a whole number of bytes, at least 1000");
      }
      maxRecordBytes = n;
    }
    return new Dialect(delimiter, quote, encoding, decimal, header, ts, date, zone, maxRecordBytes);
  }

  private static Map<String, String> columns(
      String at, Object value, SourceKind kind, SourceFormat format, Dialect dialect) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    if (format == SourceFormat.LOG) {
      throw new IllegalArgumentException(at + ": access logs have fixed fields; columns do not apply");
    }
    for (Map.Entry<String, Object> e : map(at, value).entrySet()) {
      String key = at + "." + e.getKey();
      canonical(key, e.getKey(), kind);
      Object v = required(key, e.getValue());
      if (format == SourceFormat.CSV && !dialect.header()) {
        int pos;
        if (v instanceof Integer i) {
          pos = i;
        } else {
          try {
            pos = Integer.parseInt(scalar(key, v).trim());
          } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(
                key + ": '" + v + "' must be a 1-based column position (the dialect has header: false)", ex);
          }
        }
        if (pos < 1) {
          throw new IllegalArgumentException(key + ": position " + pos + " must be 1 or more");
        }
        out.put(e.getKey(), Integer.toString(pos));
      } else {
        String name = scalar(key, v);
        if (name.isBlank()) {
          throw new IllegalArgumentException(key + ": column name must not be blank");
        }
        out.put(e.getKey(), name);
      }
    }
    return out;
  }

  private static Map<String, String> status(String at, Object value, SourceKind kind) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      if (kind == SourceKind.TRANSACTIONS) {
        for (String s : STATUSES) {
          out.put(s, s);
        }
      }
      return out;
    }
    if (kind != SourceKind.TRANSACTIONS) {
      throw new IllegalArgumentException(at + ": status mapping applies to transactions only, not " + kind.yamlName());
    }
    for (Map.Entry<String, Object> e : map(at, value).entrySet()) {
      if (!STATUSES.contains(e.getKey())) {
        throw new IllegalArgumentException(
            at + "." + e.getKey() + ": unknown status '" + e.getKey() + "' (use " + STATUSES + ")");
      }
      for (String raw : stringList(at + "." + e.getKey(), e.getValue())) {
        String k = raw.trim().toLowerCase(Locale.ROOT);
        String before = out.put(k, e.getKey());
        if (before != null && !before.equals(e.getKey())) {
          throw new IllegalArgumentException(
              at + "." + e.getKey() + ": raw value '" + raw + "' is already listed under " + before);
        }
      }
    }
    return out;
  }

  private static boolean bool(String at, Object v) {
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException(at + ": '" + v + "' must be true or false");
    }
    return b;
  }

  private static String pattern(String at, Object value) {
    String p = text(at, value);
    try {
      DateTimeFormatter.ofPattern(p);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": '" + p + "' is not a java.time pattern: " + e.getMessage(), e);
    }
    return p;
  }

  static void canonical(String at, String field, SourceKind kind) {
    if (kind.field(field).isEmpty()) {
      throw new IllegalArgumentException(
          at + ": '" + field + "' is not a field of " + kind.yamlName() + " (fields: "
              + kind.fields().stream().map(CanonicalField::name).collect(Collectors.joining(", ")) + ")");
    }
  }

  static void unknownKeys(String at, Map<String, Object> m, Set<String> allowed) {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(
            at + "." + k + ": unknown setting '" + k + "' (allowed: " + allowed.stream().sorted().toList() + ")");
      }
    }
  }

  static Object required(String at, Object v) {
    if (v == null) {
      throw new IllegalArgumentException(at + ": missing");
    }
    return v;
  }

  private static <E extends Enum<E>> E enumValue(String at, Object v, Class<E> type) {
    String s = text(at, v);
    try {
      return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          at + ": unknown value '" + s + "' (use one of "
              + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()
              + ")",
          e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(String at, Object v) {
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(at + ": '" + v + "' must be a mapping");
    }
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) {
        throw new IllegalArgumentException(at + ": key '" + k + "' must be text");
      }
    }
    return (Map<String, Object>) m;
  }

  static String text(String at, Object v) {
    if (v instanceof Map || v instanceof List) {
      throw new IllegalArgumentException(at + ": '" + v + "' must be a single value");
    }
    return String.valueOf(v);
  }

  private static String scalar(String at, Object v) {
    return text(at, v);
  }

  static List<String> stringList(String at, Object v) {
    if (v instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object o : l) {
        out.add(text(at, required(at, o)));
      }
      return out;
    }
    return List.of(text(at, v));
  }

  /** The settings a source entry may have (each is documented in the README). */
  public static Set<String> sourceKeys() {
    return SOURCE_KEYS;
  }

  /** The settings of a source's {@code dialect:}. */
  public static Set<String> dialectKeys() {
    return DIALECT_KEYS;
  }
}
