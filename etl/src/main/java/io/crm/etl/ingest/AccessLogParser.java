package io.crm.etl.ingest;

import io.crm.etl.source.LogFormat;
import io.crm.etl.source.SourceConfig;

/**
 * Apache/Nginx access log lines in common or combined format. After the user agent any number
 * of further fields (quoted or bare) may follow; the first ones fill the configured
 * trailing_fields (e.g. cookie_id), the rest are ignored. A line whose quotes do not close
 * (such as line 8,899 of the Elastic sample, cut inside the user agent) is unparseable. A
 * hand-written scanner rather than a regex: quoted fields with escapes made the regex the
 * hottest spot of the whole ingest.
 */
final class AccessLogParser implements RecordParser {
  /** The timestamp layout between the brackets: 17/May/2015:10:05:03 +0000. */
  static final String TIMESTAMP_PATTERN = "dd/MMM/yyyy:HH:mm:ss Z";

  private final LogFormat format;
  private final int trailing;
  private final int firstTrailing;
  private final int width;

  AccessLogParser(SourceConfig config) {
    this.format = config.logFormat();
    this.trailing = config.trailingFields().size();
    this.width = config.fields().size();
    this.firstTrailing = config.kind().fields().size(); // user_id (set by the converter) precedes them
  }

  @Override
  public String[] fields(String text) throws RejectedRecord {
    Scanner s = new Scanner(text, format == LogFormat.COMBINED ? "combined" : "common");
    String[] out = new String[width];
    out[0] = s.token("client address");
    s.blank();
    out[1] = dash(s.token("ident"));
    s.blank();
    out[2] = dash(s.token("user"));
    s.blank();
    out[3] = s.bracketed("[time]");
    s.blank();
    String request = s.quoted("\"request\"");
    s.blank();
    out[7] = dash(s.token("status"));
    s.blank();
    out[8] = dash(s.token("bytes"));
    int p1 = request.indexOf(' ');
    int p2 = p1 < 0 ? -1 : request.indexOf(' ', p1 + 1);
    if (p1 > 0 && p2 > p1 && request.indexOf(' ', p2 + 1) < 0) {
      out[4] = request.substring(0, p1);
      out[5] = request.substring(p1 + 1, p2);
      out[6] = request.substring(p2 + 1);
    } else if (p1 > 0 && p2 < 0) {
      out[4] = request.substring(0, p1);
      out[5] = request.substring(p1 + 1);
    } else {
      out[5] = dash(request);
    }
    if (format == LogFormat.COMBINED) {
      s.blank();
      out[9] = dash(s.quoted("\"referrer\""));
      s.blank();
      out[10] = dash(s.quoted("\"user agent\""));
    }
    int extra = 0;
    while (s.skipBlanks()) {
      String v = s.peek() == '"' ? s.quoted("trailing \"field\"") : s.token("trailing field");
      if (extra < trailing) {
        out[firstTrailing + extra] = dash(v);
      }
      extra++;
    }
    return out;
  }

  private static String dash(String s) {
    return s == null || s.equals("-") ? null : s;
  }

  /** Walks one line left to right; every expectation that fails makes the line unparseable. */
  private static final class Scanner {
    private final String text;
    private final String layout;
    private int pos;

    Scanner(String text, String layout) {
      this.text = text;
      this.layout = layout;
    }

    String token(String what) throws RejectedRecord {
      int start = pos;
      while (pos < text.length() && text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
        if (text.charAt(pos) == '"') {
          throw fail(what);
        }
        pos++;
      }
      if (pos == start) {
        throw fail(what);
      }
      return text.substring(start, pos);
    }

    void blank() throws RejectedRecord {
      if (pos >= text.length() || text.charAt(pos) != ' ') {
        throw fail("a blank");
      }
      pos++;
    }

    /** Skips blanks; true if a field follows. */
    boolean skipBlanks() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      return pos < text.length();
    }

    char peek() {
      return text.charAt(pos);
    }

    String bracketed(String what) throws RejectedRecord {
      if (pos >= text.length() || text.charAt(pos) != '[') {
        throw fail(what);
      }
      int end = text.indexOf(']', pos + 1);
      if (end < 0) {
        throw fail(what);
      }
      String v = text.substring(pos + 1, end);
      pos = end + 1;
      return v;
    }

    /**
     * A double-quoted field; a backslash escapes the next character (Apache writes \" and \\),
     * and the value is returned unescaped so a user agent reads as the browser sent it. Other
     * escapes (\xhh for control bytes) are kept as written: they stand for bytes, not text.
     */
    String quoted(String what) throws RejectedRecord {
      if (pos >= text.length() || text.charAt(pos) != '"') {
        throw fail(what);
      }
      int i = pos + 1;
      StringBuilder v = null;
      int copied = pos + 1;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '\\') {
          if (i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
            if (v == null) {
              v = new StringBuilder();
            }
            v.append(text, copied, i).append(text.charAt(i + 1));
            copied = i + 2;
          }
          i += 2;
        } else if (c == '"') {
          String out = v == null ? text.substring(pos + 1, i) : v.append(text, copied, i).toString();
          pos = i + 1;
          return out;
        } else {
          i++;
        }
      }
      throw new RejectedRecord(
          ReasonCode.UNPARSEABLE, "not a " + layout + " log line: " + what + " opened at column " + (pos + 1) + " is not closed");
    }

    private RejectedRecord fail(String what) {
      return new RejectedRecord(
          ReasonCode.UNPARSEABLE, "not a " + layout + " log line: expected " + what + " at column " + (pos + 1));
    }
  }
}
