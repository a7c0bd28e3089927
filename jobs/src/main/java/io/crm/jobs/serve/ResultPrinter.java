package io.crm.jobs.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Prints a JDBC result as an aligned text table, CSV (RFC 4180) or a JSON array of objects. */
public final class ResultPrinter {
  private static final int MAX_CELL = 40;

  private ResultPrinter() {}

  /** Prints {@code rs} and returns the number of rows. */
  public static long print(ResultSet rs, ResultFormat format, PrintWriter out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      names.add(md.getColumnLabel(i));
    }
    long rows;
    try {
      rows = switch (format) {
        case TABLE -> table(rs, names, out);
        case CSV -> csv(rs, names, out);
        case JSON -> json(rs, names, out);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
    return rows;
  }

  private static long table(ResultSet rs, List<String> names, PrintWriter out) throws SQLException {
    int n = names.size();
    List<String[]> cells = new ArrayList<>();
    boolean[] numeric = new boolean[n];
    for (int i = 0; i < n; i++) {
      int type = rs.getMetaData().getColumnType(i + 1);
      numeric[i] = switch (type) {
        case java.sql.Types.INTEGER, java.sql.Types.BIGINT, java.sql.Types.SMALLINT, java.sql.Types.TINYINT,
            java.sql.Types.DOUBLE, java.sql.Types.FLOAT, java.sql.Types.REAL, java.sql.Types.DECIMAL,
            java.sql.Types.NUMERIC -> true;
        default -> false;
      };
    }
    while (rs.next()) {
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        row[i] = truncate(text(rs.getObject(i + 1)));
      }
      cells.add(row);
    }
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      width[i] = names.get(i).length();
      for (String[] row : cells) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder header = new StringBuilder();
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      header.append(i == 0 ? "" : "  ").append(pad(names.get(i), width[i], numeric[i]));
      rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
    }
    out.println(header);
    out.println(rule);
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < n; i++) {
        line.append(i == 0 ? "" : "  ").append(pad(row[i], width[i], numeric[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.printf("(%,d row%s)%n", cells.size(), cells.size() == 1 ? "" : "s");
    return cells.size();
  }

  private static long csv(ResultSet rs, List<String> names, PrintWriter out) throws SQLException, IOException {
    long rows = 0;
    CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(names.toArray(new String[0])).get());
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= names.size(); i++) {
        Object v = rs.getObject(i);
        row.add(v == null ? "" : text(v));
      }
      printer.printRecord(row);
      rows++;
    }
    printer.flush();
    return rows;
  }

  private static long json(ResultSet rs, List<String> names, PrintWriter out) throws SQLException, IOException {
    long rows = 0;
    JsonGenerator g = new JsonFactory().createGenerator(out);
    g.writeStartArray();
    while (rs.next()) {
      g.writeStartObject();
      for (int i = 1; i <= names.size(); i++) {
        Object v = rs.getObject(i);
        g.writeFieldName(names.get(i - 1));
        if (v == null) {
          g.writeNull();
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
          g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
          g.writeNumber(d);
        } else if (v instanceof Number num) {
          double d = num.doubleValue();
          if (Double.isFinite(d)) {
            g.writeNumber(d);
          } else {
            g.writeNull();
          }
        } else if (v instanceof Boolean b) {
          g.writeBoolean(b);
        } else {
          g.writeString(text(v));
        }
      }
      g.writeEndObject();
      rows++;
    }
    g.writeEndArray();
    g.flush();
    out.println();
    return rows;
  }

  private static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return Math.abs(d) >= 1e15 || d != Math.rint(d) ? String.format("%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "") : String.valueOf(d.longValue());
    }
    if (v instanceof Float f) {
      return text(f.doubleValue());
    }
    return v.toString();
  }

  private static String truncate(String s) {
    String oneLine = s.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() <= MAX_CELL ? oneLine : oneLine.substring(0, MAX_CELL - 1) + "…";
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return right ? fill + s : s + fill;
  }
}
