package io.crm.etl.ingest;

import io.crm.etl.source.CanonicalField;
import io.crm.etl.source.DeriveRule;
import io.crm.etl.source.SourceConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one record's field texts (aligned with {@link SourceConfig#fields()}) into typed bronze
 * values: applies defaults, converts by type, checks the kind's required fields and ranges,
 * maps transaction status, derives ids the source does not carry and flags bots.
 */
final class RecordConverter {
  static final List<String> STATUSES = List.of("completed", "cancelled", "returned");

  private final SourceConfig config;
  private final List<CanonicalField> fields;
  private final FieldConverter convert;
  private final String[] defaults;
  private final int width;
  /** Per canonical field, its prefix/regex rules (null when it has none), in order. */
  private final DeriveRule[][] rules;
  private final Pattern[][] patterns;
  private final int[][] ruleColumn;
  /** Whether the record's status came from a rule (a rule may name a canonical status directly). */
  private boolean statusDerived;

  RecordConverter(SourceConfig config, FieldConverter convert) {
    this.config = config;
    this.fields = config.fields();
    this.convert = convert;
    this.defaults = new String[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      defaults[i] = config.defaults().get(fields.get(i).name());
    }
    this.width = fields.size() + (config.kind().flagsBots() ? 1 : 0);
    this.rules = new DeriveRule[fields.size()][];
    this.patterns = new Pattern[fields.size()][];
    this.ruleColumn = new int[fields.size()][];
    List<String> rawColumns = config.ruleColumns();
    for (Map.Entry<String, List<DeriveRule>> e : config.derive().entrySet()) {
      List<DeriveRule> javaRules = e.getValue().stream().filter(r -> !r.isSql()).toList();
      if (javaRules.isEmpty()) {
        continue;
      }
      int i = index(e.getKey());
      rules[i] = javaRules.toArray(new DeriveRule[0]);
      patterns[i] = new Pattern[rules[i].length];
      ruleColumn[i] = new int[rules[i].length];
      for (int k = 0; k < rules[i].length; k++) {
        DeriveRule r = rules[i][k];
        patterns[i][k] = r.regex() == null ? null : Pattern.compile(r.regex());
        ruleColumn[i][k] = fields.size() + rawColumns.indexOf(r.column());
      }
    }
  }

  /**
   * Whether the record names itself: the kind's id field (order_id, event_id, contact_id,
   * response_id) comes from the file rather than being derived from file and line. Access logs
   * have no id.
   */
  boolean carriesId(String[] raw) {
    int i = idIndex();
    if (i < 0) {
      return false;
    }
    String v = raw[i];
    return v != null && !v.isBlank();
  }

  /** Index of the kind's id field among the values, -1 for access logs (they have none). */
  int idIndex() {
    String id =
        switch (config.kind()) {
          case TRANSACTIONS -> "order_id";
          case WEB_EVENTS -> "event_id";
          case CONTACTS -> "contact_id";
          case SURVEYS -> "response_id";
          case WEB_LOGS -> null;
        };
    return id == null ? -1 : index(id);
  }

  /** Number of values {@link #convert} returns: the fields, plus is_bot for web traffic. */
  int width() {
    return width;
  }

  /**
   * @param raw field texts (null or blank = absent); modified in place by defaults
   * @param fileName the file's name, for ids derived as source:file:line
   */
  Object[] convert(String[] raw, String fileName, long line) throws RejectedRecord {
    Object[] out = new Object[width];
    statusDerived = false;
    for (int i = 0; i < fields.size(); i++) {
      String text = raw[i];
      if (rules[i] != null) {
        for (int k = 0; k < rules[i].length; k++) {
          if (rules[i][k].matches(raw[ruleColumn[i][k]], patterns[i][k])) {
            text = rules[i][k].value();
            statusDerived |= fields.get(i).name().equals("status");
            break;
          }
        }
      }
      if ((text == null || text.isBlank()) && defaults[i] != null) {
        text = defaults[i];
      }
      if (text == null || text.isBlank()) {
        continue;
      }
      CanonicalField f = fields.get(i);
      out[i] =
          switch (f.type()) {
            case STRING -> text.trim();
            case TIMESTAMP -> convert.timestamp(f.name(), text);
            case DECIMAL -> convert.decimal(f.name(), text);
            case INT -> (int) convert.integer(f.name(), text, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG -> convert.integer(f.name(), text, Long.MIN_VALUE, Long.MAX_VALUE);
            case BOOLEAN -> FieldConverter.bool(f.name(), text);
          };
    }
    switch (config.kind()) {
      case TRANSACTIONS -> transaction(out, fileName, line);
      case WEB_LOGS -> webLog(out);
      case WEB_EVENTS -> webEvent(out, fileName, line);
      case CONTACTS -> requireOne(out, "contact_id", "customer_id", "email");
      case SURVEYS -> survey(out, fileName, line);
    }
    if (config.kind().flagsBots()) {
      out[fields.size()] = isBot((String) out[index("user_agent")]);
    }
    if (!config.fullIpAddresses() && config.kind().field("ip").isPresent()) {
      out[index("ip")] = IpAddresses.shorten((String) out[index("ip")]);
    }
    return out;
  }

  private void transaction(Object[] v, String fileName, long line) throws RejectedRecord {
    require(v, "order_ts");
    require(v, "quantity");
    requireOne(v, "unit_price", "amount");
    if (config.requireCustomer()) {
      requireOne(v, "customer_id", "email");
    } // otherwise a row with neither is an anonymous sale: revenue, not a customer
    int quantity = (Integer) v[index("quantity")];
    if (quantity == 0) {
      throw new RejectedRecord(ReasonCode.OUT_OF_RANGE, "quantity: 0 is not an order line (negative = return)");
    }
    nonNegative(v, "unit_price"); // discount may be negative: on a return line it is given back
    derivedId(v, "order_id", fileName, line);
    int amount = index("amount");
    BigDecimal unitPrice = (BigDecimal) v[index("unit_price")];
    if (v[amount] == null && unitPrice != null) {
      BigDecimal discount = (BigDecimal) v[index("discount")];
      BigDecimal total = unitPrice.multiply(BigDecimal.valueOf(quantity));
      if (discount != null) {
        total = total.subtract(discount);
      }
      v[amount] = total.setScale(4, RoundingMode.HALF_UP);
    }
    int status = index("status");
    String raw = v[status] == null ? "completed" : ((String) v[status]).toLowerCase(Locale.ROOT);
    String mapped = config.status().get(raw);
    if (mapped == null && statusDerived && STATUSES.contains(raw)) {
      mapped = raw;
    }
    if (mapped == null) {
      throw new RejectedRecord(
          ReasonCode.OUT_OF_RANGE,
          "status: '" + v[status] + "' is not listed under sources." + config.name() + ".status "
              + config.status().keySet());
    }
    v[status] = mapped;
  }

  private void webLog(Object[] v) throws RejectedRecord {
    require(v, "ts");
    if (config.remoteUserIsCustomerId()) {
      v[index("user_id")] = v[index("user")];
    }
    if (config.cookiePrefix() != null) {
      int c = index("cookie_id");
      String cookie = (String) v[c];
      if (cookie != null && cookie.startsWith(config.cookiePrefix())) {
        String stripped = cookie.substring(config.cookiePrefix().length()).trim();
        v[c] = stripped.isEmpty() ? null : stripped;
      }
    }
    Integer status = (Integer) v[index("status")];
    if (status != null && (status < 100 || status > 599)) {
      throw new RejectedRecord(ReasonCode.OUT_OF_RANGE, "status: " + status + " is not an HTTP status (100-599)");
    }
  }

  private void webEvent(Object[] v, String fileName, long line) throws RejectedRecord {
    require(v, "ts");
    require(v, "event");
    requireOne(v, "anonymous_id", "user_id");
    derivedId(v, "event_id", fileName, line);
  }

  private void survey(Object[] v, String fileName, long line) throws RejectedRecord {
    require(v, "ts");
    requireOne(v, "customer_id", "email");
    range(v, "csat", 1, 5);
    range(v, "nps", 0, 10);
    derivedId(v, "response_id", fileName, line);
  }

  /** An id the file does not map gets `<source>:<file>:<line>`; a mapped but blank id is missing. */
  private void derivedId(Object[] v, String field, String fileName, long line) throws RejectedRecord {
    int i = index(field);
    if (v[i] != null) {
      return;
    }
    if (config.columns().containsKey(field) || config.defaults().containsKey(field)) {
      throw new RejectedRecord(ReasonCode.MISSING_REQUIRED, field + " is blank");
    }
    v[i] = config.name() + ":" + fileName + ":" + line;
  }

  private boolean isBot(String userAgent) {
    if (userAgent == null) {
      return false;
    }
    String ua = userAgent.toLowerCase(Locale.ROOT);
    for (String b : config.botAgents()) {
      if (ua.contains(b)) {
        return true;
      }
    }
    return false;
  }

  private void require(Object[] v, String field) throws RejectedRecord {
    if (v[index(field)] == null) {
      throw new RejectedRecord(ReasonCode.MISSING_REQUIRED, field + " is blank" + mappedTo(field));
    }
  }

  private void requireOne(Object[] v, String a, String b) throws RejectedRecord {
    if (v[index(a)] == null && v[index(b)] == null) {
      throw new RejectedRecord(ReasonCode.MISSING_REQUIRED, "both " + a + " and " + b + " are blank");
    }
  }

  private void requireOne(Object[] v, String a, String b, String c) throws RejectedRecord {
    if (v[index(a)] == null && v[index(b)] == null && v[index(c)] == null) {
      throw new RejectedRecord(ReasonCode.MISSING_REQUIRED, a + ", " + b + " and " + c + " are all blank");
    }
  }

  private void nonNegative(Object[] v, String field) throws RejectedRecord {
    BigDecimal d = (BigDecimal) v[index(field)];
    if (d != null && d.signum() < 0) {
      throw new RejectedRecord(ReasonCode.OUT_OF_RANGE, field + ": " + d.stripTrailingZeros().toPlainString() + " is negative");
    }
  }

  private void range(Object[] v, String field, int min, int max) throws RejectedRecord {
    Integer x = (Integer) v[index(field)];
    if (x != null && (x < min || x > max)) {
      throw new RejectedRecord(ReasonCode.OUT_OF_RANGE, field + ": " + x + " is outside " + min + "-" + max);
    }
  }

  private String mappedTo(String field) {
    String col = config.columns().get(field);
    return col == null ? "" : " (column " + col + ")";
  }

  private int index(String field) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(field)) {
        return i;
      }
    }
    throw new IllegalStateException("no field " + field + " in " + config.kind());
  }
}
