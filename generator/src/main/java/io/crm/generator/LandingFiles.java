package io.crm.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The open landing files: one gzip per month for transactions, access logs and tracker events,
 * one plain file each for the two contact exports and the surveys. Blocks are appended in
 * customer order, so the bytes only depend on the settings.
 */
final class LandingFiles implements AutoCloseable {
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final String[] MONTHLY_PATTERN = {
    "transactions/orders-%s.csv.gz", "web_logs/access-%s.log.gz", "web_events/events-%s.jsonl.gz"
  };
  static final String CONTACTS_FILE = "contacts/newsletter-contacts.csv";
  static final String CONTACTS_DE_FILE = "contacts_de/kundenstamm-export.csv";
  static final String SURVEYS_FILE = "surveys/survey-responses.csv";

  /** gzip at the fastest level: the files are rewritten rarely and written often in tests. */
  static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  private final Path landing;
  private final Clock clock;
  private final OutputStream[][] monthly;
  private final OutputStream[] single = new OutputStream[3];
  private final Charset[] singleCharset = {StandardCharsets.UTF_8, WINDOWS_1252, StandardCharsets.UTF_8};
  final long[][] monthlyRows;

  LandingFiles(Path landing, Clock clock) throws IOException {
    this.landing = landing;
    this.clock = clock;
    for (Source s : Source.values()) {
      Files.createDirectories(landing.resolve(s.key()));
    }
    monthly = new OutputStream[3][clock.months()];
    monthlyRows = new long[3][clock.months()];
    for (int s = 0; s < 3; s++) {
      for (int m = 0; m < clock.months(); m++) {
        monthly[s][m] = new FastGzip(new BufferedOutputStream(Files.newOutputStream(monthlyPath(s, m)), 1 << 16));
      }
    }
    for (int m = 0; m < clock.months(); m++) {
      StringBuilder header = new StringBuilder();
      Block.joinCsv(header, Block.TRANSACTION_HEADER, Block.TRANSACTION_HEADER.length, ',');
      monthly[0][m].write(header.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }
    String[] singles = {CONTACTS_FILE, CONTACTS_DE_FILE, SURVEYS_FILE};
    String[][] headers = {Block.CONTACT_HEADER, Block.CONTACT_DE_HEADER, Block.SURVEY_HEADER};
    char[] delimiters = {',', ';', ','};
    for (int i = 0; i < 3; i++) {
      single[i] = new BufferedOutputStream(Files.newOutputStream(landing.resolve(singles[i])), 1 << 16);
      if (i == 0) { // the newsletter tool writes a byte-order mark
        single[i].write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      StringBuilder header = new StringBuilder();
      Block.joinCsv(header, headers[i], headers[i].length, delimiters[i]);
      // the ERP ends lines Windows-style
      header.append(i == 1 ? "\r\n" : "\n");
      single[i].write(header.toString().getBytes(singleCharset[i]));
    }
  }

  Path monthlyPath(int source, int month) {
    return landing.resolve(String.format(MONTHLY_PATTERN[source], clock.monthLabel(month)));
  }

  void append(Block b) throws IOException {
    for (int s = 0; s < 3; s++) {
      for (int m = 0; m < clock.months(); m++) {
        StringBuilder sb = b.monthly[s][m];
        if (sb != null && sb.length() > 0) {
          monthly[s][m].write(Block.encode(sb, StandardCharsets.UTF_8));
        }
        monthlyRows[s][m] += b.monthlyRows[s][m];
      }
    }
    for (int i = 0; i < 3; i++) {
      StringBuilder sb = b.single[i];
      if (i == 1 && sb.length() > 0) {
        sb = crlf(sb);
      }
      single[i].write(Block.encode(sb, singleCharset[i]));
    }
  }

  static StringBuilder crlf(StringBuilder sb) {
    StringBuilder out = new StringBuilder(sb.length() + sb.length() / 100);
    for (int i = 0; i < sb.length(); i++) {
      char c = sb.charAt(i);
      if (c == '\n') {
        out.append('\r');
      }
      out.append(c);
    }
    return out;
  }

  /** Every file written, relative to the landing folder. */
  List<String> files() {
    List<String> out = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      for (int m = 0; m < clock.months(); m++) {
        out.add(landing.relativize(monthlyPath(s, m)).toString());
      }
    }
    out.add(CONTACTS_FILE);
    out.add(CONTACTS_DE_FILE);
    out.add(SURVEYS_FILE);
    return out;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (OutputStream[] row : monthly) {
      for (OutputStream o : row) {
        first = closeQuietly(o, first);
      }
    }
    for (OutputStream o : single) {
      first = closeQuietly(o, first);
    }
    if (first != null) {
      throw first;
    }
  }

  private static IOException closeQuietly(OutputStream o, IOException first) {
    try {
      if (o != null) {
        o.close();
      }
    } catch (IOException e) {
      if (first == null) {
        return e;
      }
      first.addSuppressed(e);
    }
    return first;
  }
}
