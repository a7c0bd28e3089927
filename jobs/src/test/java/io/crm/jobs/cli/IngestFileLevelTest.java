package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are wrong as a whole are refused with one line and exit 3 and recorded nowhere, so a
 * fixed crm.yaml loads them; rows quarantined under a wrong setting are loaded by
 * `--reprocess-quarantine`; an over-long record is quarantined as too_long.
 */
class IngestFileLevelTest {
  @TempDir Path home;

  private static final String HEADER = "Bestellnr;Datum;Kundennr;Menge;Preis\n";
  private static final String ROWS = "A1;03.02.2024;K1;2;10,50\nA2;04.02.2024;K2;1;3,00\nA3;05.02.2024;K1;1;7,25\n";

  private void config(String columns, String dateFormat, String extraDialect) throws IOException {
    Files.writeString(home.resolve("crm.yaml"), String.join("\n",
        "timezone: Europe/Berlin",
        "sources:",
        "  orders:",
        "    kind: transactions",
        "    path: landing/orders/*",
        "    dialect: {delimiter: ';', decimal: ',', date_format: " + dateFormat + extraDialect + "}",
        "    columns: {" + columns + "}",
        ""), StandardCharsets.UTF_8);
  }

  private static final String COLUMNS = "order_id: Bestellnr, order_ts: Datum, customer_id: Kundennr, quantity: Menge, unit_price: Preis";

  private Path landing(String name, byte[] content) throws IOException {
    Path dir = Files.createDirectories(home.resolve("landing/orders"));
    return Files.write(dir.resolve(name), content);
  }

  private long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql.replace("$W", home.resolve("warehouse").toString()))) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void aMisspelledMappingRefusesTheFileAndTheFixedConfigLoadsIt() throws Exception {
    config(COLUMNS.replace("Kundennr", "Kundenummer"), "dd.MM.yyyy", "");
    landing("2024-02.csv", (HEADER + ROWS).getBytes(StandardCharsets.UTF_8));

    CrmRun refused = CrmRun.of("ingest", "--home", home.toString());
    assertEquals(ExitCode.BAD_INPUT, refused.exit(), refused.out() + refused.err());
    assertEquals(1, refused.err().lines().filter(l -> l.startsWith("crm:")).count(), refused.err());
    assertTrue(refused.err().contains("orders: landing/orders/2024-02.csv: the header has no column Kundenummer"), refused.err());
    assertFalse(Files.exists(home.resolve("warehouse/bronze/orders")), "nothing loaded");
    assertFalse(Files.exists(home.resolve("warehouse/quarantine/orders")), "nothing quarantined");

    config(COLUMNS, "dd.MM.yyyy", "");
    String fixed = CrmRun.ok("ingest", "--home", home.toString());
    assertTrue(fixed.contains("read 3 = loaded 3 + quarantined 0 + duplicates 0"), fixed);
  }

  @Test
  void emptyBinaryAndFakeGzipFilesAreRefusedWhileAGoodFileLoads() throws Exception {
    config(COLUMNS, "dd.MM.yyyy", "");
    landing("a-good.csv", (HEADER + ROWS).getBytes(StandardCharsets.UTF_8));
    landing("b-empty.csv", new byte[0]);
    landing("c-image.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
    landing("d-plain.csv.gz", (HEADER + ROWS).getBytes(StandardCharsets.UTF_8));

    CrmRun r = CrmRun.of("ingest", "--home", home.toString());

    assertEquals(ExitCode.BAD_INPUT, r.exit(), r.err());
    assertTrue(r.out().contains("read 3 = loaded 3 + quarantined 0 + duplicates 0"), r.out());
    assertTrue(r.err().contains("3 files refused"), r.err());
    assertTrue(r.err().contains("b-empty.csv: empty file"), r.err());
    assertTrue(r.err().contains("c-image.csv: binary content"), r.err());
    assertTrue(r.err().contains("d-plain.csv.gz: named .gz but not gzip-compressed"), r.err());
    assertFalse(r.err().contains("truncated_file"), r.err());
    assertEquals(3, count("SELECT count(*) FROM read_parquet('$W/bronze/orders/*/*.parquet')"));

    CrmRun again = CrmRun.of("ingest", "--home", home.toString());
    assertEquals(ExitCode.BAD_INPUT, again.exit(), "refused files were not recorded, so they are refused again");
    assertTrue(again.out().contains("1 skipped as already ingested"), again.out());
  }

  @Test
  void aGlobMatchingNoFileIsRefused() throws Exception {
    config(COLUMNS, "dd.MM.yyyy", "");
    CrmRun r = CrmRun.of("ingest", "--home", home.toString());
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("no file matches"), r.err());
  }

  @Test
  void anOverLongRecordIsQuarantinedAsTooLongWithItsStartOnly() throws Exception {
    config(COLUMNS, "dd.MM.yyyy", ", max_record_bytes: 2000");
    String longLine = "A9;06.02.2024;K9;1;" + "9".repeat(5_000) + "\n";
    Path gz = home.resolve("rows.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write((HEADER + ROWS + longLine).getBytes(StandardCharsets.UTF_8));
    }
    landing("2024-02.csv.gz", Files.readAllBytes(gz));

    String out = CrmRun.ok("ingest", "--home", home.toString());

    assertTrue(out.contains("read 4 = loaded 3 + quarantined 1 + duplicates 0"), out);
    assertTrue(out.contains("too_long 1"), out);
    assertEquals(1000, count("SELECT max(length(raw_text)) FROM read_parquet('$W/quarantine/orders/*/*.parquet') WHERE reason = 'too_long'"));
  }

  @Test
  void rowsQuarantinedUnderAWrongDateFormatAreLoadedByReprocessing() throws Exception {
    config(COLUMNS, "yyyy-MM-dd", "");
    landing("2024-02.csv", (HEADER + ROWS + "A4;kein Datum;K3;1;1,00\n").getBytes(StandardCharsets.UTF_8));
    String first = CrmRun.ok("ingest", "--home", home.toString(), "--ingest-date", "2024-02-06");
    assertTrue(first.contains("read 4 = loaded 0 + quarantined 4 + duplicates 0"), first);

    config(COLUMNS, "dd.MM.yyyy", "");
    String plain = CrmRun.ok("ingest", "--home", home.toString());
    assertTrue(plain.contains("1 skipped as already ingested"), plain);
    String reprocessed = CrmRun.ok("ingest", "--home", home.toString(), "--reprocess-quarantine", "--ingest-date", "2024-02-07");

    assertTrue(reprocessed.contains("read 4 = loaded 3 + quarantined 1 + duplicates 0"), reprocessed);
    assertEquals(3, count("SELECT count(*) FROM read_parquet('$W/bronze/orders/*/*.parquet')"));
    assertEquals(1, count("SELECT count(*) FROM read_parquet('$W/quarantine/orders/*/*.parquet')"),
        "only the row without a date is still in quarantine, once");
    assertEquals(1, count("SELECT count(*) FROM read_parquet('$W/quarantine/orders/*/*.parquet') WHERE raw_text LIKE 'A4;%'"));

    String twice = CrmRun.ok("ingest", "--home", home.toString(), "--reprocess-quarantine", "--ingest-date", "2024-02-08");
    assertTrue(twice.contains("read 4 = loaded 0 + quarantined 1 + duplicates 3"), twice);
    assertEquals(3, count("SELECT count(*) FROM read_parquet('$W/bronze/orders/*/*.parquet')"));
    assertEquals(1, count("SELECT count(*) FROM read_parquet('$W/quarantine/orders/*/*.parquet')"));
  }
}
