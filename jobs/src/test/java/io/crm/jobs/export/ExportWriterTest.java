package io.crm.jobs.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three formats written from one small table and read back with a CSV parser and POI. */
class ExportWriterTest {
  @TempDir Path dir;

  /** Two customers with umlauts, a delimiter and a quote in the text, amounts and a date. */
  static ExportTable twoCustomers() {
    List<ExportColumn> columns = List.of(
        new ExportColumn("customer_id", ColumnType.TEXT, ""),
        new ExportColumn("last_name", ColumnType.TEXT, ""),
        new ExportColumn("company", ColumnType.TEXT, ""),
        new ExportColumn("clv", ColumnType.MONEY, ""),
        new ExportColumn("p_alive", ColumnType.RATIO, ""),
        new ExportColumn("orders", ColumnType.INTEGER, ""),
        new ExportColumn("last_order_date", ColumnType.DATE, ""));
    return new ExportTable("win-back", columns, List.of(
        Arrays.asList("C1", "Müßig-Özdemir", "Bäckerei \"Zur Brezn\"; Filiale 2, Süd", 1234.5, 0.123456, 7L, LocalDate.of(2024, 12, 3)),
        Arrays.asList("C2", "Ångström", null, 0.005, 1.0, 1L, null)));
  }

  @Test
  void csvIsRfc4180WithDecimalPointsAndIsoDates() throws IOException {
    Path file = dir.resolve("out.csv");
    ExportWriter.write(twoCustomers(), ExportFormat.CSV, file);
    byte[] bytes = Files.readAllBytes(file);
    assertFalse(bytes[0] == (byte) 0xEF, "no BOM in plain CSV");
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("customer_id,last_name,company,clv,p_alive,orders,last_order_date\r\n"), text);
    List<CSVRecord> rows = parse(text, ',');
    assertEquals(List.of("C1", "Müßig-Özdemir", "Bäckerei \"Zur Brezn\"; Filiale 2, Süd", "1234.50", "0.1235", "7", "2024-12-03"), rows.get(0).toList());
    assertEquals(List.of("C2", "Ångström", "", "0.01", "1.0000", "1", ""), rows.get(1).toList());
  }

  @Test
  void excelDeHasBomSemicolonsCrlfDecimalCommaAndGermanDates() throws IOException {
    Path file = dir.resolve("out-de.csv");
    ExportWriter.write(twoCustomers(), ExportFormat.EXCEL_DE, file);
    byte[] bytes = Files.readAllBytes(file);
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 BOM");
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    assertEquals(3, text.split("\r\n", -1).length - 1, "three records, each ended by CRLF");
    assertFalse(text.replace("\r\n", "").contains("\n"), "no bare LF");
    assertTrue(text.startsWith("customer_id;last_name;company;clv;p_alive;orders;last_order_date\r\n"), text);
    List<CSVRecord> rows = parse(text, ';');
    assertEquals(List.of("C1", "Müßig-Özdemir", "Bäckerei \"Zur Brezn\"; Filiale 2, Süd", "1234,50", "0,1235", "7", "03.12.2024"), rows.get(0).toList());
    assertEquals("0,01", rows.get(1).get("clv"));
    assertTrue(text.contains("\"Bäckerei \"\"Zur Brezn\"\"; Filiale 2, Süd\""), "a value with the delimiter is quoted: " + text);
  }

  @Test
  void xlsxHasTypedCellsAFrozenHeaderAndFilters() throws IOException {
    Path file = dir.resolve("out.xlsx");
    ExportWriter.write(twoCustomers(), ExportFormat.XLSX, file);
    try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
      XSSFSheet sheet = book.getSheetAt(0);
      assertEquals("win-back", sheet.getSheetName());
      Row header = sheet.getRow(0);
      assertEquals("last_order_date", header.getCell(6).getStringCellValue());
      assertTrue(book.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold(), "bold header");
      Row first = sheet.getRow(1);
      assertEquals(CellType.STRING, first.getCell(1).getCellType());
      assertEquals("Müßig-Özdemir", first.getCell(1).getStringCellValue());
      assertNumeric(first.getCell(3), 1234.5, "#,##0.00");
      assertNumeric(first.getCell(4), 0.123456, "0.0000");
      assertNumeric(first.getCell(5), 7, "0");
      Cell date = first.getCell(6);
      assertEquals(CellType.NUMERIC, date.getCellType());
      assertTrue(DateUtil.isCellDateFormatted(date), "a real date cell");
      assertEquals(LocalDate.of(2024, 12, 3), date.getLocalDateTimeCellValue().toLocalDate());
      Row second = sheet.getRow(2);
      assertTrue(second.getCell(2) == null || second.getCell(2).getCellType() == CellType.BLANK, "null stays empty");
      assertEquals(1, sheet.getPaneInformation().getHorizontalSplitPosition(), "header row frozen");
      assertTrue(sheet.getPaneInformation().isFreezePane());
      assertEquals("A1:G3", sheet.getCTWorksheet().getAutoFilter().getRef());
      assertEquals(3, physicalRows(sheet));
    }
  }

  @Test
  void aFailedWriteLeavesNoFileBehind() throws IOException {
    Path blocker = dir.resolve("not-a-folder");
    Files.writeString(blocker, "x");
    Path file = blocker.resolve("out.csv");
    try {
      ExportWriter.write(twoCustomers(), ExportFormat.CSV, file);
    } catch (java.io.UncheckedIOException expected) {
      assertTrue(expected.getMessage().contains("cannot write"), expected.getMessage());
    }
    assertFalse(Files.exists(file));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(blocker), files.toList(), "no .part file left");
    }
  }

  private static void assertNumeric(Cell cell, double value, String format) {
    assertEquals(CellType.NUMERIC, cell.getCellType());
    assertEquals(value, cell.getNumericCellValue(), 1e-12);
    assertEquals(format, cell.getCellStyle().getDataFormatString());
  }

  private static int physicalRows(Sheet sheet) {
    return sheet.getPhysicalNumberOfRows();
  }

  /** The data records of a CSV text with a header row, addressable by column name. */
  static List<CSVRecord> parse(String text, char delimiter) throws IOException {
    try (Reader r = new StringReader(text)) {
      return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().get().parse(r).getRecords();
    }
  }
}
