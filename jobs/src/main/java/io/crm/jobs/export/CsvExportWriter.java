package io.crm.jobs.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an export as text: RFC 4180 CSV, or the German Excel dialect (semicolon, decimal comma,
 * dd.MM.yyyy, with a BOM so Excel takes the file for UTF-8). Numbers never get thousands
 * separators: mail tools and Excel both read them back as numbers.
 */
final class CsvExportWriter {
  private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  private final boolean german;

  CsvExportWriter(boolean german) {
    this.german = german;
  }

  void write(ExportTable table, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    if (german) {
      w.write('\ufeff');
    }
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(german ? ';' : ',').setRecordSeparator("\r\n").get();
    CSVPrinter printer = new CSVPrinter(w, format);
    printer.printRecord(table.columns().stream().map(ExportColumn::name).toList());
    for (List<Object> row : table.rows()) {
      List<String> cells = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        cells.add(text(table.columns().get(i).type(), row.get(i)));
      }
      printer.printRecord(cells);
    }
    printer.flush();
  }

  String text(ColumnType type, Object value) {
    if (value == null || value instanceof Double d && !Double.isFinite(d)) {
      return "";
    }
    String s = switch (type) {
      case TEXT -> value.toString();
      case INTEGER -> Long.toString(Math.round(((Number) value).doubleValue()));
      case MONEY -> decimal((Number) value, 2);
      case RATIO -> decimal((Number) value, 4);
      case DATE -> german ? ((LocalDate) value).format(GERMAN_DATE) : value.toString();
    };
    return german && (type == ColumnType.MONEY || type == ColumnType.RATIO) ? s.replace('.', ',') : s;
  }

  private static String decimal(Number n, int places) {
    return BigDecimal.valueOf(n.doubleValue()).setScale(places, RoundingMode.HALF_UP).toPlainString();
  }
}
