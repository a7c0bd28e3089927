package io.crm.etl.ingest;

import io.crm.etl.source.CanonicalField;
import io.crm.etl.source.Dialect;
import io.crm.etl.source.SourceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Delimited text through Commons CSV with the source's dialect: header names or 1-based
 * positions mapped to canonical fields; `whitespace` splits on runs of blanks (fixed-column
 * exports such as CDNOW, which never quote). One record at a time, so a broken record is
 * quarantined alone.
 */
final class CsvRecordParser implements RecordParser {
  private static final Pattern BLANKS = Pattern.compile("[ \t]+");

  private final SourceConfig config;
  private final Dialect dialect;
  private final CSVFormat format;
  private final List<CanonicalField> fields;
  /** Raw columns the derive rules read; their texts follow the canonical fields in the output. */
  private final List<String> ruleColumns;
  /** Per canonical field, then per rule column, the 0-based column index, or -1 when the file has no such column. */
  private final int[] columnOf;
  private int expectedWidth = -1;
  private String missingColumns = "";
  private String missingRuleColumns = "";

  CsvRecordParser(SourceConfig config) {
    this.config = config;
    this.dialect = config.dialect();
    this.fields = config.fields();
    this.ruleColumns = config.ruleColumns();
    this.columnOf = new int[fields.size() + ruleColumns.size()];
    this.format =
        dialect.splitsOnWhitespace()
            ? null
            : CSVFormat.RFC4180.builder()
                .setDelimiter(dialect.delimiter())
                .setQuote(dialect.quote())
                .setRecordSeparator("\n")
                .setIgnoreEmptyLines(false)
                .get();
    if (!dialect.header()) {
      int need = 0;
      for (int i = 0; i < fields.size(); i++) {
        String pos = config.columns().get(fields.get(i).name());
        columnOf[i] = pos == null ? -1 : Integer.parseInt(pos) - 1;
        need = Math.max(need, columnOf[i] + 1);
      }
      for (int k = 0; k < ruleColumns.size(); k++) {
        // a rule column is optional: a short line leaves it blank rather than failing the record
        columnOf[fields.size() + k] = Integer.parseInt(ruleColumns.get(k)) - 1;
      }
      this.expectedWidth = -need; // negative: at least this many columns
    }
  }

  @Override
  public boolean hasHeader() {
    return dialect.header();
  }

  /** Columns derive rules read but the header lacks (a rule on them could never match). */
  String missingRuleColumns() {
    return missingRuleColumns;
  }

  /** Columns the mapping names but the header lacks (for the quarantine detail). */
  String missingColumns() {
    return missingColumns;
  }

  /** Whether the header read last has a column for the canonical field. */
  boolean hasColumn(String canonical) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(canonical)) {
        return columnOf[i] >= 0;
      }
    }
    return false;
  }

  @Override
  public void header(String text) {
    List<String> names;
    try {
      names = split(text);
    } catch (RejectedRecord e) {
      names = List.of();
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      String canonical = fields.get(i).name();
      String wanted = config.columns().getOrDefault(canonical, canonical);
      columnOf[i] = find(names, wanted);
      if (columnOf[i] < 0 && config.columns().containsKey(canonical)) {
        missing.add(wanted);
      }
    }
    List<String> missingRules = new ArrayList<>();
    for (int k = 0; k < ruleColumns.size(); k++) {
      columnOf[fields.size() + k] = find(names, ruleColumns.get(k));
      if (columnOf[fields.size() + k] < 0) {
        missingRules.add(ruleColumns.get(k));
      }
    }
    missingRuleColumns = String.join(", ", missingRules);
    missingColumns = String.join(", ", missing);
    expectedWidth = names.size();
  }

  @Override
  public boolean continues(CharSequence recordSoFar) {
    if (dialect.quote() == null || dialect.splitsOnWhitespace()) {
      return false;
    }
    char q = dialect.quote();
    int n = 0;
    for (int i = 0; i < recordSoFar.length(); i++) {
      if (recordSoFar.charAt(i) == q) {
        n++;
      }
    }
    return n % 2 == 1;
  }

  @Override
  public String[] fields(String text) throws RejectedRecord {
    List<String> values = split(text);
    if (expectedWidth >= 0 && values.size() != expectedWidth) {
      throw new RejectedRecord(
          ReasonCode.UNPARSEABLE, "expected " + expectedWidth + " fields as in the header, found " + values.size());
    }
    if (expectedWidth < 0 && values.size() < -expectedWidth) {
      throw new RejectedRecord(
          ReasonCode.UNPARSEABLE, "expected at least " + (-expectedWidth) + " fields, found " + values.size());
    }
    String[] out = new String[columnOf.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = columnOf[i] < 0 || columnOf[i] >= values.size() ? null : values.get(columnOf[i]);
    }
    return out;
  }

  private List<String> split(String text) throws RejectedRecord {
    if (format == null) {
      String t = text.strip();
      return t.isEmpty() ? List.of() : List.of(BLANKS.split(t));
    }
    if (text.indexOf(dialect.quote() == null ? '\n' : dialect.quote()) < 0 && text.indexOf('\n') < 0) {
      return splitPlain(text); // no quote: the same fields Commons CSV would give, without building a parser per line
    }
    try (CSVParser p = CSVParser.parse(text, format)) {
      List<CSVRecord> records = p.getRecords();
      if (records.size() != 1) {
        throw new RejectedRecord(ReasonCode.UNPARSEABLE, "expected one record, found " + records.size());
      }
      return records.get(0).toList();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new RejectedRecord(ReasonCode.UNPARSEABLE, "not valid " + describe() + ": " + e.getMessage());
    }
  }

  private List<String> splitPlain(String text) {
    char d = dialect.delimiter();
    List<String> out = new ArrayList<>(expectedWidth > 0 ? expectedWidth : 16);
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == d) {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out;
  }

  private String describe() {
    return "CSV (delimiter '" + dialect.delimiter() + "', quote " + (dialect.quote() == null ? "none" : "'" + dialect.quote() + "'") + ")";
  }

  private static int find(List<String> names, String wanted) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).trim().equals(wanted)) {
        return i;
      }
    }
    String w = wanted.trim().toLowerCase(Locale.ROOT);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).trim().toLowerCase(Locale.ROOT).equals(w)) {
        return i;
      }
    }
    return -1;
  }
}
