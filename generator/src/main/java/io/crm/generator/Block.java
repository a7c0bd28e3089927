package io.crm.generator;

import java.nio.charset.Charset;
import java.util.SplittableRandom;

/**
 * The rendered output of a contiguous range of customers: text per landing file plus counts.
 * Rendering every row goes through here, which is also where dirty copies are injected: after a
 * clean row, with probability dirtyRate, one extra row of a kind the source supports.
 */
final class Block {
  static final String[] TRANSACTION_HEADER = {
    "order_id", "order_ts", "customer_id", "email", "sku", "product_name", "category", "quantity",
    "unit_price", "discount", "amount", "currency", "channel", "country", "status"
  };
  static final String[] CONTACT_HEADER = {
    "id", "customer_number", "email", "first_name", "last_name", "company", "type", "street", "zip",
    "city", "country", "phone", "newsletter", "opt_in_at", "created_at", "updated_at", "source"
  };
  static final String[] CONTACT_DE_HEADER = {
    "Kontakt-Nr", "Kundennummer", "E-Mail", "Vorname", "Nachname", "Firma", "Kundenart", "Straße", "PLZ",
    "Ort", "Land", "Telefon", "Newsletter", "Einwilligung am", "Angelegt am", "Geändert am", "Quelle", "Umsatz"
  };
  static final String[] SURVEY_HEADER = {
    "response_id", "customer_id", "email", "submitted_at", "touchpoint", "csat", "nps", "comment"
  };

  /** Where the date, the numbers and the keys sit in a CSV source's rows. */
  private record CsvShape(char delimiter, int dateField, int[] numberFields, int[] keyFields, String[] badDates, String[] badNumbers) {}

  private static final CsvShape TRANSACTION_SHAPE = new CsvShape(',', 1, new int[] {7, 8, 10}, new int[] {2, 3},
      new String[] {"2024-13-45T25:61:00+01:00", "31.12.2024 10:00", "not a date", "0000-00-00T00:00:00Z", "2024-06-15 25:00"},
      new String[] {"zwei", "1,5x", "N/A", "EUR 19.99", "1.234,56", "--1"});
  private static final CsvShape CONTACT_SHAPE = new CsvShape(',', 14, new int[0], new int[] {0, 1, 2},
      new String[] {"2024-13-01 10:00:00", "01/02/2024", "n/a", "0000-00-00 00:00:00", "yesterday"}, new String[0]);
  private static final CsvShape CONTACT_DE_SHAPE = new CsvShape(';', 14, new int[0], new int[] {0, 1, 2},
      new String[] {"31.13.2024 10:00", "2024-06-15", "unbekannt", "00.00.0000 00:00", "32.01.2024 08:15"}, new String[0]);
  private static final CsvShape SURVEY_SHAPE = new CsvShape(',', 3, new int[] {5, 6}, new int[] {1, 2},
      new String[] {"2024-13-01 10:00", "15/06/2024", "n/a", "0000-00-00 00:00"},
      new String[] {"fünf", "n/a", "?", "4-5", "sehr gut"});
  private static final String[] BAD_LOG_DATES = {"32/Foo/2024:25:61:00 +0100", "2024-06-15T10:00:00", "-", "00/000/0000:00:00:00 +0000"};
  private static final String[] BAD_STATUS = {"2OO", "OK", "20x"};
  private static final String[] BAD_BYTES = {"12a4", "1.2k", "-5x"};
  private static final String[] BAD_EVENT_DATES = {"2024-13-45T25:61:00+01:00", "yesterday", "1718445600xyz", "15.06.2024"};

  /** The bucket of a row that falls outside the days a nightly block writes: rendered, then dropped. */
  private static final int DROPPED = -2;

  final int first;
  final int count;
  /** Text per source and bucket: calendar months, or in daily mode the days written (all six sources). */
  final StringBuilder[][] monthly;
  final StringBuilder[] single;
  final long[][] monthlyRows;
  final long[] rows = new long[Source.values().length];
  final long[][] dirty = new long[Source.values().length][DirtKind.values().length];
  final Tally tally = new Tally();

  private final Clock clock;
  private final double dirtyRate;
  private final int cleanMonth; // the web_logs month that gets truncated carries no dirt
  private SplittableRandom dirt;
  private final StringBuilder scratch = new StringBuilder(512);
  private final StringBuilder dropped = new StringBuilder(512);
  /** Daily mode: the calendar whose days [fromDay, toDay) are the buckets; null for monthly files. */
  private final Seasonality days;
  private final int fromDay;
  /** Persons' state at the end of the generated period, kept for nightly arrivals. */
  final PersonSimulator.Ending[] endings;

  Block(int first, int count, Clock clock, double dirtyRate, int cleanMonth) {
    this.first = first;
    this.count = count;
    this.clock = clock;
    this.dirtyRate = dirtyRate;
    this.cleanMonth = cleanMonth;
    this.days = null;
    this.fromDay = 0;
    this.endings = new PersonSimulator.Ending[count];
    monthly = new StringBuilder[3][clock.months()];
    monthlyRows = new long[3][clock.months()];
    single = new StringBuilder[3];
    for (int i = 0; i < 3; i++) {
      single[i] = new StringBuilder(1 << 12);
    }
  }

  /**
   * Daily mode, for nightly arrivals: every source gets one bucket per day of [fromDay, toDay) of
   * {@code days}. Rows outside those days are still rendered (so they draw their dirt as they would
   * in any other window, which keeps every day's bytes independent of the window asked for) but
   * not kept or counted.
   */
  Block(int first, int count, Clock clock, double dirtyRate, Seasonality days, int fromDay, int toDay) {
    this.first = first;
    this.count = count;
    this.clock = clock;
    this.dirtyRate = dirtyRate;
    this.cleanMonth = Integer.MIN_VALUE;
    this.days = days;
    this.fromDay = fromDay;
    this.endings = null;
    int n = toDay - fromDay;
    monthly = new StringBuilder[Source.values().length][n];
    monthlyRows = new long[Source.values().length][n];
    single = null;
  }

  /** Records the state a person ends the generated period in (slot {@code index}). */
  void ended(int index, PersonSimulator.Ending ending) {
    endings[index - first] = ending;
  }

  /** The month of a second, or in daily mode its day bucket ({@link #DROPPED} outside the days written). */
  private int bucket(long second) {
    if (days == null) {
      return clock.month(second);
    }
    if (second < 0 || second >= days.hours() * 3600L) {
      return DROPPED;
    }
    int b = days.day(second) - fromDay;
    return b < 0 || b >= monthly[0].length ? DROPPED : b;
  }

  /** Dirt decisions come from their own stream so they never change the clean data. */
  void beginPerson(SplittableRandom dirtStream) {
    this.dirt = dirtStream;
  }

  private StringBuilder monthly(Source s, int month) {
    if (month == DROPPED) {
      dropped.setLength(0);
      return dropped;
    }
    StringBuilder sb = monthly[s.ordinal()][month];
    if (sb == null) {
      sb = new StringBuilder(1 << 12);
      monthly[s.ordinal()][month] = sb;
    }
    monthlyRows[s.ordinal()][month]++;
    return sb;
  }

  private StringBuilder single(Source s) {
    return single[s.ordinal() - Source.CONTACTS.ordinal()];
  }

  private DirtKind drawDirt(Source s, int month) {
    if (dirt.nextDouble() >= dirtyRate || (s == Source.WEB_LOGS && month == cleanMonth)) {
      return null;
    }
    DirtKind kind = s.kind(dirt.nextInt(s.kindCount()));
    if (month != DROPPED) {
      dirty[s.ordinal()][kind.ordinal()]++;
      rows[s.ordinal()]++;
    }
    return kind;
  }

  // ---------------------------------------------------------------- CSV sources

  void transaction(String[] f, long second) {
    int month = bucket(second);
    csv(Source.TRANSACTIONS, monthly(Source.TRANSACTIONS, month), month, f, TRANSACTION_SHAPE);
  }

  void contact(String[] f) {
    tally.contactRows++;
    csv(Source.CONTACTS, single(Source.CONTACTS), -1, f, CONTACT_SHAPE);
  }

  void contactDe(String[] f) {
    tally.contactsDeRows++;
    csv(Source.CONTACTS_DE, single(Source.CONTACTS_DE), -1, f, CONTACT_DE_SHAPE);
  }

  void survey(String[] f) {
    csv(Source.SURVEYS, single(Source.SURVEYS), -1, f, SURVEY_SHAPE);
  }

  /** Daily mode: a row of a contact, ERP or survey export that arrives on the day of {@code second}. */
  void daily(Source s, String[] f, long second) {
    CsvShape shape = switch (s) {
      case CONTACTS -> CONTACT_SHAPE;
      case CONTACTS_DE -> CONTACT_DE_SHAPE;
      case SURVEYS -> SURVEY_SHAPE;
      default -> throw new IllegalArgumentException(s + " rows go through their own method");
    };
    int day = bucket(second);
    csv(s, monthly(s, day), day, f, shape);
  }

  private void csv(Source s, StringBuilder out, int month, String[] f, CsvShape shape) {
    if (month != DROPPED) {
      rows[s.ordinal()]++;
    }
    int start = out.length();
    joinCsv(out, f, f.length, shape.delimiter());
    out.append('\n');
    DirtKind kind = drawDirt(s, month);
    if (kind == null) {
      return;
    }
    if ((s.monthly() || days != null) && month != DROPPED) {
      monthlyRows[s.ordinal()][month]++;
    }
    switch (kind) {
      case DUPLICATE -> {
        repeatLast(out, start);
        return;
      }
      case MALFORMED -> joinCsv(out, f, Math.max(1, f.length / 2 - dirt.nextInt(3)), shape.delimiter());
      case BAD_DATE -> {
        String[] g = f.clone();
        g[shape.dateField()] = Sampling.pick(dirt, shape.badDates());
        joinCsv(out, g, g.length, shape.delimiter());
      }
      case BAD_NUMBER -> {
        String[] g = f.clone();
        g[shape.numberFields()[dirt.nextInt(shape.numberFields().length)]] = Sampling.pick(dirt, shape.badNumbers());
        joinCsv(out, g, g.length, shape.delimiter());
      }
      case MISSING_KEY -> {
        String[] g = f.clone();
        for (int k : shape.keyFields()) {
          g[k] = "";
        }
        joinCsv(out, g, g.length, shape.delimiter());
      }
    }
    out.append('\n');
  }

  static void joinCsv(StringBuilder out, String[] f, int n, char delimiter) {
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(delimiter);
      }
      appendField(out, f[i], delimiter);
    }
  }

  static void appendField(StringBuilder out, String v, char delimiter) {
    if (v == null) {
      return;
    }
    boolean quote = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      out.append(v);
      return;
    }
    out.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }

  // ---------------------------------------------------------------- access log

  /** One combined-format line with a trailing quoted cookie id ("-" when there is none). */
  void logHit(String ip, long second, String method, String url, int status, int bytes, String referrer, String agent, String cookie) {
    int month = bucket(second);
    StringBuilder out = monthly(Source.WEB_LOGS, month);
    if (month != DROPPED) {
      rows[Source.WEB_LOGS.ordinal()]++;
    }
    int start = out.length();
    appendLog(out, ip, second, null, method, url, Integer.toString(status), Integer.toString(bytes), referrer, agent, cookie);
    DirtKind kind = drawDirt(Source.WEB_LOGS, month);
    if (kind == null) {
      return;
    }
    if (month != DROPPED) {
      monthlyRows[Source.WEB_LOGS.ordinal()][month]++;
    }
    switch (kind) {
      case DUPLICATE -> repeatLast(out, start);
      case MALFORMED -> {
        scratch.setLength(0);
        appendLog(scratch, ip, second, null, method, url, Integer.toString(status), Integer.toString(bytes), referrer, agent, cookie);
        int cut = scratch.indexOf("\"") + 2 + dirt.nextInt(Math.max(1, method.length() + url.length() / 2));
        out.append(scratch, 0, Math.min(cut, scratch.length() - 2)).append('\n');
      }
      case BAD_DATE -> appendLog(out, ip, second, Sampling.pick(dirt, BAD_LOG_DATES), method, url,
          Integer.toString(status), Integer.toString(bytes), referrer, agent, cookie);
      case BAD_NUMBER -> {
        boolean statusField = dirt.nextBoolean();
        appendLog(out, ip, second, null, method, url,
            statusField ? Sampling.pick(dirt, BAD_STATUS) : Integer.toString(status),
            statusField ? Integer.toString(bytes) : Sampling.pick(dirt, BAD_BYTES), referrer, agent, cookie);
      }
      default -> throw new IllegalStateException("web_logs cannot carry " + kind);
    }
  }

  /** Writes the row that starts at {@code start} of {@code out} once more (an exact copy). */
  private void repeatLast(StringBuilder out, int start) {
    scratch.setLength(0);
    scratch.append(out, start, out.length());
    out.append(scratch);
  }

  private void appendLog(StringBuilder out, String ip, long second, String badTime, String method, String url,
      String status, String bytes, String referrer, String agent, String cookie) {
    out.append(ip).append(" - - [");
    if (badTime == null) {
      clock.log(out, second);
    } else {
      out.append(badTime);
    }
    out.append("] \"").append(method).append(' ').append(url).append(" HTTP/1.1\" ")
        .append(status).append(' ').append(bytes).append(" \"").append(referrer == null ? "-" : referrer)
        .append("\" \"").append(agent).append("\" \"").append(cookie == null ? "-" : cookie).append("\"\n");
  }

  // ---------------------------------------------------------------- tracker events

  /** One tracker event as a JSON line. */
  void event(String eventId, long second, int millis, String anonymousId, String userId, String event, String url,
      String referrer, String[] utm, String agent, String ip, String orderId, String sku) {
    int month = bucket(second);
    StringBuilder out = monthly(Source.WEB_EVENTS, month);
    if (month != DROPPED) {
      rows[Source.WEB_EVENTS.ordinal()]++;
    }
    int start = out.length();
    appendEvent(out, eventId, second, millis, null, false, anonymousId, userId, event, url, referrer, utm, agent, ip, orderId, sku);
    DirtKind kind = drawDirt(Source.WEB_EVENTS, month);
    if (kind == null) {
      return;
    }
    if (month != DROPPED) {
      monthlyRows[Source.WEB_EVENTS.ordinal()][month]++;
    }
    switch (kind) {
      case DUPLICATE -> repeatLast(out, start);
      case MALFORMED -> {
        int len = out.length() - start - 1;
        scratch.setLength(0);
        scratch.append(out, start, start + len / 3 + dirt.nextInt(Math.max(1, len / 2)));
        out.append(scratch).append('\n');
      }
      case BAD_DATE -> appendEvent(out, eventId, second, millis, Sampling.pick(dirt, BAD_EVENT_DATES), false,
          anonymousId, userId, event, url, referrer, utm, agent, ip, orderId, sku);
      case MISSING_KEY -> appendEvent(out, eventId, second, millis, null, true,
          anonymousId, userId, event, url, referrer, utm, agent, ip, orderId, sku);
      default -> throw new IllegalStateException("web_events cannot carry " + kind);
    }
  }

  private void appendEvent(StringBuilder out, String eventId, long second, int millis, String badTime, boolean noKeys,
      String anonymousId, String userId, String event, String url, String referrer, String[] utm, String agent,
      String ip, String orderId, String sku) {
    out.append('{');
    if (!noKeys) {
      out.append("\"event_id\":\"").append(eventId).append("\",\"ts\":\"");
      if (badTime == null) {
        clock.isoMillis(out, second, millis);
      } else {
        out.append(badTime);
      }
      out.append("\",\"anonymous_id\":\"").append(anonymousId).append("\",\"user_id\":");
      if (userId == null) {
        out.append("null");
      } else {
        out.append('"').append(userId).append('"');
      }
      out.append(',');
    }
    out.append("\"event\":\"").append(event).append("\",\"url\":");
    jsonString(out, url);
    if (referrer != null) {
      out.append(",\"referrer\":");
      jsonString(out, referrer);
    }
    if (utm != null) {
      out.append(",\"utm_source\":\"").append(utm[0]).append("\",\"utm_medium\":\"").append(utm[1])
          .append("\",\"utm_campaign\":\"").append(utm[2]).append('"');
    }
    out.append(",\"user_agent\":");
    jsonString(out, agent);
    out.append(",\"ip\":\"").append(ip).append('"');
    if (orderId != null) {
      out.append(",\"order_id\":\"").append(orderId).append('"');
    }
    if (sku != null) {
      out.append(",\"sku\":\"").append(sku).append('"');
    }
    out.append("}\n");
  }

  private static void jsonString(StringBuilder out, String s) {
    out.append('"');
    boolean plain = true;
    for (int i = 0; i < s.length() && plain; i++) {
      char c = s.charAt(i);
      plain = c >= 0x20 && c != '"' && c != '\\';
    }
    if (plain) { // the common case: append in one go
      out.append(s).append('"');
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** The block's text for one file, encoded for that file. */
  static byte[] encode(StringBuilder sb, Charset charset) {
    return sb == null || sb.length() == 0 ? new byte[0] : sb.toString().getBytes(charset);
  }
}
