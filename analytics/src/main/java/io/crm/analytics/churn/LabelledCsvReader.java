package io.crm.analytics.churn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an analyst's labelled CSV (header row, one row per customer) into {@link LabelledData}.
 * Every column except the label and the id becomes a feature: numeric when all its non-blank
 * cells parse as numbers, categorical otherwise. Blank cells (also whitespace-only, such as
 * Telco's " " TotalCharges) are missing values. Rows with a blank label or the wrong number of
 * fields are set aside and counted. The label must hold exactly two distinct values; which one
 * means churn is recognised from common words (Yes/No, True/False, 1/0, churned/...) or given.
 */
public final class LabelledCsvReader {

  private static final Set<String> POSITIVE_WORDS =
      Set.of("yes", "y", "true", "t", "1", "1.0", "churn", "churned", "churner", "left", "lost",
          "cancelled", "canceled", "lapsed", "inactive", "positive", "pos", "ja", "j");
  private static final Set<String> NEGATIVE_WORDS =
      Set.of("no", "n", "false", "f", "0", "0.0", "stayed", "retained", "active", "remained",
          "loyal", "negative", "neg", "nein");
  private static final char[] DELIMITERS = {',', ';', '\t', '|'};

  private final Options options;

  public LabelledCsvReader(Options options) {
    this.options = options;
  }

  /**
   * How to read the file.
   *
   * @param delimiter field separator, or null to detect it from the header line (, ; tab |)
   * @param encoding character set of the file (a UTF-8 byte-order mark is skipped)
   * @param decimal decimal separator of numeric cells, '.' or ','
   * @param positive the label value that means churn, or null to recognise it
   */
  public record Options(Character delimiter, Charset encoding, char decimal, String positive) {
    public Options {
      if (encoding == null) {
        throw new IllegalArgumentException("encoding is required");
      }
      if (decimal != '.' && decimal != ',') {
        throw new IllegalArgumentException("decimal separator must be '.' or ',', got '" + decimal + "'");
      }
      if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
        throw new IllegalArgumentException("unusable delimiter: '" + delimiter + "'");
      }
      if (delimiter != null && decimal == ',' && delimiter == ',') {
        throw new IllegalArgumentException("delimiter and decimal separator are both ','");
      }
    }

    public static Options defaults() {
      return new Options(null, java.nio.charset.StandardCharsets.UTF_8, '.', null);
    }
  }

  /**
   * @param labelColumn header name of the 0/1-like label
   * @param idColumn header name of the row id (excluded from the features), or null if none
   */
  public LabelledData read(Path csv, String labelColumn, String idColumn) {
    if (!Files.isRegularFile(csv)) {
      throw new IllegalArgumentException("CSV file not found: " + csv);
    }
    char delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(csv);
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
    List<String> header;
    List<String[]> cells = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    int rowsRead = 0;
    try (Reader reader = open(csv);
        CSVParser parser = CSVParser.parse(reader, format)) {
      var records = parser.iterator();
      if (!records.hasNext()) {
        throw new IllegalArgumentException("CSV file is empty: " + csv);
      }
      header = records.next().toList().stream().map(String::trim).toList();
      int labelAt = indexOf(header, labelColumn, "label", csv);
      int idAt = idColumn == null ? -1 : indexOf(header, idColumn, "id", csv);
      if (labelAt == idAt) {
        throw new IllegalArgumentException("label and id are the same column: '" + labelColumn + "'");
      }
      while (records.hasNext()) {
        CSVRecord record = records.next();
        rowsRead++;
        if (record.size() != header.size()) {
          skipped.merge("wrong_field_count", 1, Integer::sum);
          continue;
        }
        if (record.get(labelAt).isBlank()) {
          skipped.merge("blank_label", 1, Integer::sum);
          continue;
        }
        cells.add(record.values());
      }
      return build(csv, header, labelAt, idAt, cells, rowsRead, skipped);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      // Commons CSV reports malformed quoting this way; it is bad input, not a crash.
      throw new IllegalArgumentException("cannot parse " + csv + ": " + e.getCause().getMessage(), e);
    }
  }

  private LabelledData build(
      Path csv, List<String> header, int labelAt, int idAt, List<String[]> cells, int rowsRead,
      Map<String, Integer> skipped) {
    if (cells.isEmpty()) {
      throw new IllegalArgumentException(
          "no usable rows in " + csv + " (read " + rowsRead + ", set aside " + skipped + ")");
    }
    int n = cells.size();
    String[] labelText = new String[n];
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      labelText[i] = cells.get(i)[labelAt].trim();
      ids.add(idAt < 0 ? Integer.toString(i + 1) : cells.get(i)[idAt].trim());
    }
    String[] classes = labelClasses(header.get(labelAt), labelText);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = labelText[i].equalsIgnoreCase(classes[1]) ? 1 : 0;
    }

    FeatureMatrix.Builder features = FeatureMatrix.builder();
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    Map<String, Integer> blanks = new LinkedHashMap<>();
    for (int j = 0; j < header.size(); j++) {
      if (j == labelAt || j == idAt) {
        continue;
      }
      String name = header.get(j);
      String[] raw = new String[n];
      int blank = 0;
      for (int i = 0; i < n; i++) {
        String v = cells.get(i)[j].trim();
        raw[i] = v.isEmpty() ? null : v;
        if (raw[i] == null) {
          blank++;
        }
      }
      if (blank > 0) {
        blanks.put(name, blank);
      }
      double[] parsed = blank == n ? null : parseNumbers(raw);
      if (parsed != null) {
        features.numeric(name, parsed);
        numeric.add(name);
      } else {
        features.categorical(name, raw);
        categorical.add(name);
      }
    }
    if (numeric.isEmpty() && categorical.isEmpty()) {
      throw new IllegalArgumentException(
          csv + " has no feature columns besides the label and id: " + header);
    }
    return new LabelledData(
        ids, labels, classes[1], classes[0], features.build(), numeric, categorical, rowsRead, skipped, blanks);
  }

  /** Returns {negative, positive} as they are spelled in the file. */
  private String[] labelClasses(String column, String[] labelText) {
    Map<String, String> distinct = new LinkedHashMap<>(); // lower case -> first spelling
    for (String v : labelText) {
      distinct.putIfAbsent(v.toLowerCase(Locale.ROOT), v);
    }
    if (distinct.size() != 2) {
      List<String> shown = new ArrayList<>(distinct.values()).subList(0, Math.min(20, distinct.size()));
      throw new IllegalArgumentException(
          "label column '" + column + "' must hold exactly 2 distinct values, found " + distinct.size()
              + ": " + shown + (distinct.size() > 20 ? " ..." : ""));
    }
    List<String> keys = new ArrayList<>(distinct.keySet());
    String a = keys.get(0);
    String b = keys.get(1);
    String positive;
    if (options.positive() != null) {
      String wanted = options.positive().trim().toLowerCase(Locale.ROOT);
      if (!distinct.containsKey(wanted)) {
        throw new IllegalArgumentException(
            "positive label '" + options.positive() + "' is not one of the values of '" + column + "': "
                + distinct.values());
      }
      positive = wanted;
    } else if (POSITIVE_WORDS.contains(a) != POSITIVE_WORDS.contains(b)) {
      positive = POSITIVE_WORDS.contains(a) ? a : b;
    } else if (NEGATIVE_WORDS.contains(a) != NEGATIVE_WORDS.contains(b)) {
      positive = NEGATIVE_WORDS.contains(a) ? b : a;
    } else {
      throw new IllegalArgumentException(
          "cannot tell which value of label column '" + column + "' means churn: " + distinct.values()
              + "; name it with --positive");
    }
    String negative = positive.equals(a) ? b : a;
    return new String[] {distinct.get(negative), distinct.get(positive)};
  }

  /** The column's values as numbers, or null if any non-blank cell is not a finite number. */
  private double[] parseNumbers(String[] raw) {
    double[] out = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == null) {
        out[i] = Double.NaN;
        continue;
      }
      String s = options.decimal() == ',' ? raw[i].replace(".", "").replace(',', '.') : raw[i];
      if (!looksNumeric(s)) {
        return null;
      }
      try {
        out[i] = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return null;
      }
      if (Double.isInfinite(out[i])) {
        return null;
      }
    }
    return out;
  }

  /** Rejects what Double.parseDouble accepts but a CSV author would not mean as a number (NaN, 1d, 0x1p3). */
  private static boolean looksNumeric(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isDigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static int indexOf(List<String> header, String column, String role, Path csv) {
    if (column == null || column.isBlank()) {
      throw new IllegalArgumentException("the " + role + " column name is blank");
    }
    int at = header.indexOf(column.trim());
    if (at < 0) {
      throw new IllegalArgumentException(
          role + " column '" + column + "' is not in the header of " + csv + ": " + header);
    }
    return at;
  }

  private Reader open(Path csv) throws IOException {
    BufferedReader reader = Files.newBufferedReader(csv, options.encoding());
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    return reader;
  }

  /** The candidate separator that occurs most often (outside quotes) in the header line. */
  private char detectDelimiter(Path csv) {
    String line;
    try (BufferedReader reader = (BufferedReader) open(csv)) {
      line = reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
    }
    if (line == null) {
      throw new IllegalArgumentException("CSV file is empty: " + csv);
    }
    char best = ',';
    int bestCount = 0;
    for (char d : DELIMITERS) {
      int count = 0;
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (c == d && !quoted) {
          count++;
        }
      }
      if (count > bestCount) {
        best = d;
        bestCount = count;
      }
    }
    return best;
  }
}
