package io.crm.analytics.clv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a prepared per-customer summary CSV (comma separated, header line) as analysts and the
 * BTYD literature write it. Accepted column names: {@code customer_id|ID} (optional),
 * {@code frequency|x}, {@code recency|t_x}, {@code T}, {@code monetary_value|zbar} (optional).
 * A row that cannot be used is rejected with a reason and counted, never dropped silently.
 */
public final class SummaryCsvReader {

  private static final List<String> ID = List.of("customer_id", "ID");
  private static final List<String> FREQUENCY = List.of("frequency", "x");
  private static final List<String> RECENCY = List.of("recency", "t_x");
  private static final List<String> AGE = List.of("T");
  private static final List<String> MONETARY = List.of("monetary_value", "zbar");
  private static final int MAX_EXAMPLES = 5;

  /**
   * @param summaries the usable customers
   * @param rows data rows read
   * @param rejectedByReason rejected rows per reason (missing_required, bad_number, out_of_range)
   * @param examples a few rejected rows: line number, reason and detail
   */
  public record Result(CustomerSummaries summaries, long rows, Map<String, Long> rejectedByReason, List<String> examples) {
    public long rejected() {
      return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final TimeUnit unit;

  /** @param unit the time unit of the file's recency and T columns */
  public SummaryCsvReader(TimeUnit unit) {
    if (unit == null) {
      throw new IllegalArgumentException("time unit of the summary file is missing");
    }
    this.unit = unit;
  }

  public Result read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("summary file not found: " + file);
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  Result read(Reader in, String name) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(in, format)) {
      List<String> header = stripBom(parser.getHeaderNames());
      int id = column(header, ID, false, name);
      int freq = column(header, FREQUENCY, true, name);
      int rec = column(header, RECENCY, true, name);
      int age = column(header, AGE, true, name);
      int mon = column(header, MONETARY, false, name);
      CustomerSummaries.Builder builder = CustomerSummaries.builder(unit);
      Map<String, Long> rejected = new LinkedHashMap<>();
      List<String> examples = new ArrayList<>();
      long rows = 0;
      for (CSVRecord rec0 : parser) {
        rows++;
        String problem = null;
        String reason = null;
        try {
          String x = field(rec0, freq);
          String tx = field(rec0, rec);
          String t = field(rec0, age);
          String m = mon < 0 ? null : field(rec0, mon);
          if (x == null || tx == null || t == null) {
            reason = "missing_required";
            problem = "frequency, recency and T are required";
          } else {
            double xv = number(x, "frequency");
            double txv = number(tx, "recency");
            double tv = number(t, "T");
            Double mv = m == null ? null : number(m, "monetary_value");
            try {
              builder.add(xv, txv, tv, mv);
            } catch (IllegalArgumentException e) {
              reason = "out_of_range";
              problem = e.getMessage();
            }
          }
        } catch (NumberFormatException e) {
          reason = "bad_number";
          problem = e.getMessage();
        }
        if (reason != null) {
          rejected.merge(reason, 1L, Long::sum);
          if (examples.size() < MAX_EXAMPLES) {
            String who = id >= 0 && id < rec0.size() ? " (" + header.get(id) + " " + rec0.get(id) + ")" : "";
            examples.add("line " + parser.getCurrentLineNumber() + who + ": " + reason + ": " + problem);
          }
        }
      }
      return new Result(builder.build(), rows, rejected, examples);
    }
  }

  private static List<String> stripBom(List<String> header) {
    List<String> h = new ArrayList<>(header);
    if (!h.isEmpty() && h.get(0).startsWith("\uFEFF")) {
      h.set(0, h.get(0).substring(1));
    }
    return h;
  }

  /** Index of the first accepted name present (exact match first, then ignoring case), or -1. */
  private static int column(List<String> header, List<String> names, boolean required, String file) {
    for (String n : names) {
      int i = header.indexOf(n);
      if (i >= 0) {
        return i;
      }
    }
    for (String n : names) {
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).trim().equalsIgnoreCase(n)) {
          return i;
        }
      }
    }
    if (required) {
      throw new IllegalArgumentException(file + ": no column " + String.join("|", names) + " in header " + header);
    }
    return -1;
  }

  private static String field(CSVRecord r, int index) {
    if (index >= r.size()) {
      return null;
    }
    String v = r.get(index).trim();
    return v.isEmpty() ? null : v;
  }

  private static double number(String text, String what) {
    try {
      double v = Double.parseDouble(text);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new NumberFormatException(what + " is not a number: '" + text + "'");
    }
  }
}
