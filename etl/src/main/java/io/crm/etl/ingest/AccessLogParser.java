package io.crm.etl.ingest;

import io.crm.etl.source.LogFormat;
import io.crm.etl.source.SourceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache/Nginx access log lines in common or combined format. After the user agent any number
 * of further fields (quoted or bare) may follow; the first ones fill the configured
 * trailing_fields (e.g. cookie_id), the rest are ignored. A line whose quotes do not close
 * (such as line 8,899 of the Elastic sample, cut inside the user agent) is unparseable.
 */
final class AccessLogParser implements RecordParser {
  /** The timestamp layout between the brackets: 17/May/2015:10:05:03 +0000. */
  static final String TIMESTAMP_PATTERN = "dd/MMM/yyyy:HH:mm:ss Z";

  private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
  private static final Pattern COMMON =
      Pattern.compile("^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] " + QUOTED + " ([^\\s\"]+) ([^\\s\"]+)(.*)$");
  private static final Pattern COMBINED_TAIL = Pattern.compile("^ " + QUOTED + " " + QUOTED + "(.*)$");
  private static final Pattern TOKEN = Pattern.compile("\\G\\s+(?:" + QUOTED + "|([^\\s\"]+))");

  private final LogFormat format;
  private final int trailing;
  private final int width;

  AccessLogParser(SourceConfig config) {
    this.format = config.logFormat();
    this.trailing = config.trailingFields().size();
    this.width = config.fields().size();
  }

  @Override
  public String[] fields(String text) throws RejectedRecord {
    Matcher m = COMMON.matcher(text);
    if (!m.matches()) {
      throw new RejectedRecord(ReasonCode.UNPARSEABLE, "not a " + layout() + " log line");
    }
    String[] out = new String[width];
    out[0] = m.group(1);
    out[1] = dash(m.group(2));
    out[2] = dash(m.group(3));
    out[3] = m.group(4);
    String request = m.group(5);
    String[] parts = request.split(" ");
    if (parts.length == 3) {
      out[4] = parts[0];
      out[5] = parts[1];
      out[6] = parts[2];
    } else if (parts.length == 2) {
      out[4] = parts[0];
      out[5] = parts[1];
    } else {
      out[5] = dash(request);
    }
    out[7] = dash(m.group(6));
    out[8] = dash(m.group(7));
    String rest = m.group(8);
    if (format == LogFormat.COMBINED) {
      Matcher c = COMBINED_TAIL.matcher(rest);
      if (!c.matches()) {
        throw new RejectedRecord(ReasonCode.UNPARSEABLE, "not a combined log line: referrer and user agent missing or unclosed");
      }
      out[9] = dash(c.group(1));
      out[10] = dash(c.group(2));
      rest = c.group(3);
    }
    List<String> extra = tokens(rest);
    for (int i = 0; i < trailing && i < extra.size(); i++) {
      out[11 + i] = dash(extra.get(i));
    }
    return out;
  }

  private List<String> tokens(String rest) throws RejectedRecord {
    List<String> out = new ArrayList<>();
    if (rest.isBlank()) {
      return out;
    }
    Matcher t = TOKEN.matcher(rest);
    int end = 0;
    while (t.find()) {
      out.add(t.group(1) != null ? t.group(1) : t.group(2));
      end = t.end();
    }
    if (!rest.substring(end).isBlank()) {
      throw new RejectedRecord(ReasonCode.UNPARSEABLE, "unreadable fields after the " + (format == LogFormat.COMBINED ? "user agent" : "byte count") + ": '" + rest.substring(end).strip() + "'");
    }
    return out;
  }

  private String layout() {
    return format == LogFormat.COMBINED ? "combined" : "common";
  }

  private static String dash(String s) {
    return s == null || s.equals("-") ? null : s;
  }
}
