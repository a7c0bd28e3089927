package io.crm.jobs.export;

import io.crm.jobs.cli.UserException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The file formats marketing receives (README, "Exports for marketing"). */
public enum ExportFormat {
  /** RFC 4180: comma, CRLF, UTF-8 without BOM, decimal point, ISO dates. */
  CSV("csv", "csv"),
  /** What a German Excel opens by double-click: semicolon, decimal comma, UTF-8 BOM, CRLF, dd.MM.yyyy. */
  EXCEL_DE("excel-de", "csv"),
  /** An Excel workbook with typed cells, a frozen header row and filters. */
  XLSX("xlsx", "xlsx");

  private final String id;
  private final String extension;

  ExportFormat(String id, String extension) {
    this.id = id;
    this.extension = extension;
  }

  public String id() {
    return id;
  }

  public String extension() {
    return extension;
  }

  public static ExportFormat parse(String text) {
    for (ExportFormat f : values()) {
      if (f.id.equalsIgnoreCase(text)) {
        return f;
      }
    }
    throw new UserException("--format must be one of " + Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", "))
        + ", got '" + text + "'");
  }
}
