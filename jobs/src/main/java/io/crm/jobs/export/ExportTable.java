package io.crm.jobs.export;

import java.util.List;

/**
 * The rows of one export, values already typed per column: String for TEXT, Number for
 * INTEGER, MONEY and RATIO, LocalDate for DATE; null for an empty cell.
 */
public record ExportTable(String title, List<ExportColumn> columns, List<List<Object>> rows) {
  public ExportTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
