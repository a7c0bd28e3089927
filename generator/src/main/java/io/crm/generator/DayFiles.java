package io.crm.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The landing files of nightly arrivals: one file per source and day, named like the period's
 * files with the day in place of the month (orders-2026-01-01.csv.gz,
 * kundenstamm-export-2026-01-01.csv, ...), in each source's own dialect. Blocks are appended in
 * customer order, so the bytes depend only on the workspace and the day. A day without a single
 * log line or tracker event leaves no file for that source (those formats have no header): a
 * small shop's quiet day exports nothing, and ingest refuses an empty file as a broken one.
 *
 * <p>Each file is written under a hidden name ({@code .orders-2026-01-01.csv.gz.part}, which no
 * source's pattern matches) and renamed once every file is complete, so a generator killed midway
 * leaves no half-written file for a night to ingest; running it again writes the same bytes.
 */
final class DayFiles implements AutoCloseable {
  private static final String[] PATTERN = {
    "transactions/orders-%s.csv.gz", "web_logs/access-%s.log.gz", "web_events/events-%s.jsonl.gz",
    "contacts/newsletter-contacts-%s.csv", "contacts_de/kundenstamm-export-%s.csv", "surveys/survey-responses-%s.csv"
  };
  private static final String[][] HEADERS = {
    Block.TRANSACTION_HEADER, null, null, Block.CONTACT_HEADER, Block.CONTACT_DE_HEADER, Block.SURVEY_HEADER
  };

  private final Path landing;
  private final LocalDate firstDay;
  private final OutputStream[][] files;
  final long[][] rows;

  DayFiles(Path landing, LocalDate firstDay, int days) throws IOException {
    this.landing = landing;
    this.firstDay = firstDay;
    int sources = Source.values().length;
    files = new OutputStream[sources][days];
    rows = new long[sources][days];
    for (Source s : Source.values()) {
      Files.createDirectories(landing.resolve(s.key()));
    }
    for (int s = 0; s < sources; s++) {
      for (int d = 0; d < days; d++) {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(partPath(s, d)), 1 << 16);
        files[s][d] = s < 3 ? new LandingFiles.FastGzip(raw) : raw;
        if (s == Source.CONTACTS.ordinal()) { // the newsletter tool writes a byte-order mark
          raw.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        if (HEADERS[s] != null) {
          boolean erp = s == Source.CONTACTS_DE.ordinal();
          StringBuilder header = new StringBuilder();
          Block.joinCsv(header, HEADERS[s], HEADERS[s].length, erp ? ';' : ',');
          header.append(erp ? "\r\n" : "\n");
          files[s][d].write(header.toString().getBytes(charset(s)));
        }
      }
    }
  }

  private static Charset charset(int source) {
    return source == Source.CONTACTS_DE.ordinal() ? LandingFiles.WINDOWS_1252 : StandardCharsets.UTF_8;
  }

  Path path(int source, int day) {
    return landing.resolve(String.format(PATTERN[source], firstDay.plusDays(day)));
  }

  private Path partPath(int source, int day) {
    Path done = path(source, day);
    return done.resolveSibling("." + done.getFileName() + ".part");
  }

  void append(Block b) throws IOException {
    for (int s = 0; s < files.length; s++) {
      for (int d = 0; d < files[s].length; d++) {
        StringBuilder sb = b.monthly[s][d];
        if (sb == null || sb.length() == 0) {
          continue;
        }
        if (s == Source.CONTACTS_DE.ordinal()) { // the ERP ends lines Windows-style
          sb = LandingFiles.crlf(sb);
        }
        files[s][d].write(Block.encode(sb, charset(s)));
        rows[s][d] += b.monthlyRows[s][d];
      }
    }
  }

  /** The files of one day, relative to the landing folder, in source order (after {@link #close}). */
  List<String> files(int day) {
    List<String> out = new ArrayList<>();
    for (int s = 0; s < files.length; s++) {
      if (Files.exists(path(s, day))) {
        out.add(landing.relativize(path(s, day)).toString());
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (OutputStream[] row : files) {
      for (OutputStream o : row) {
        try {
          if (o != null) {
            o.close();
          }
        } catch (IOException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
    }
    if (first != null) {
      throw first;
    }
    for (int s = 0; s < files.length; s++) {
      for (int d = 0; d < files[s].length; d++) {
        if (HEADERS[s] == null && rows[s][d] == 0) {
          Files.deleteIfExists(partPath(s, d));
        } else {
          Files.move(partPath(s, d), path(s, d), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    }
  }
}
