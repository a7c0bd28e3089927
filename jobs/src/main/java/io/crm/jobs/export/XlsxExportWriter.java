package io.crm.jobs.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes an export as an Excel workbook: numbers and dates as typed cells with a display
 * format, a bold header row frozen at the top, and filters on every column. Streams rows
 * (a window of 500 in memory), so large lists do not need a large heap.
 */
final class XlsxExportWriter {
  private static final int MAX_WIDTH = 60;

  void write(ExportTable table, OutputStream out) throws IOException {
    try (SXSSFWorkbook book = new SXSSFWorkbook(500)) {
      SXSSFSheet sheet = book.createSheet(WorkbookUtil.createSafeSheetName(table.title()));
      Map<ColumnType, CellStyle> styles = styles(book);
      CellStyle header = book.createCellStyle();
      Font bold = book.createFont();
      bold.setBold(true);
      header.setFont(bold);

      List<ExportColumn> columns = table.columns();
      int[] widths = new int[columns.size()];
      Row head = sheet.createRow(0);
      for (int c = 0; c < columns.size(); c++) {
        Cell cell = head.createCell(c);
        cell.setCellValue(columns.get(c).name());
        cell.setCellStyle(header);
        widths[c] = columns.get(c).name().length() + 3; // room for the filter button
      }
      int r = 1;
      for (List<Object> values : table.rows()) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < columns.size(); c++) {
          Object v = values.get(c);
          if (v == null || v instanceof Double d && !Double.isFinite(d)) {
            continue;
          }
          Cell cell = row.createCell(c);
          ColumnType type = columns.get(c).type();
          switch (type) {
            case TEXT -> cell.setCellValue(v.toString());
            case INTEGER, MONEY, RATIO -> cell.setCellValue(((Number) v).doubleValue());
            case DATE -> cell.setCellValue((LocalDate) v);
          }
          if (type != ColumnType.TEXT) {
            cell.setCellStyle(styles.get(type));
          }
          widths[c] = Math.max(widths[c], type == ColumnType.DATE ? 11 : v.toString().length() + 1);
        }
      }
      sheet.createFreezePane(0, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, columns.size() - 1));
      for (int c = 0; c < widths.length; c++) {
        sheet.setColumnWidth(c, Math.min(MAX_WIDTH, widths[c]) * 256);
      }
      book.write(out);
      book.dispose();
    }
  }

  private static Map<ColumnType, CellStyle> styles(SXSSFWorkbook book) {
    Map<ColumnType, CellStyle> out = new EnumMap<>(ColumnType.class);
    Map<ColumnType, String> formats = Map.of(
        ColumnType.INTEGER, "0", ColumnType.MONEY, "#,##0.00", ColumnType.RATIO, "0.0000", ColumnType.DATE, "yyyy-mm-dd");
    formats.forEach((type, pattern) -> {
      CellStyle s = book.createCellStyle();
      s.setDataFormat(book.createDataFormat().getFormat(pattern));
      out.put(type, s);
    });
    return out;
  }
}
