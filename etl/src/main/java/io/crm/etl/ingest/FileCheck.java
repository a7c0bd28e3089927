package io.crm.etl.ingest;

import io.crm.etl.source.CanonicalField;
import io.crm.etl.source.SourceConfig;
import io.crm.etl.source.SourceFormat;
import io.crm.etl.source.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Looks at the start of a landing file before any record is read, and refuses a file that is
 * wrong as a whole: empty, named .gz but not gzip, binary, or a CSV header without a column the
 * configuration maps or the kind needs. Such a file would otherwise turn into thousands of
 * quarantined rows that a fixed configuration could never load again; refused, it is not
 * recorded as ingested, so the next run after the fix reads it.
 */
final class FileCheck {
  /** How much of the (decompressed) start is inspected. */
  static final int PROBE_BYTES = 64 * 1024;

  /**
   * Per kind, groups of fields of which a CSV header must offer at least one (by mapping, by
   * name, or through a default). The customer of an order is not among them: anonymous sales
   * are sales.
   */
  private static final Map<SourceKind, List<List<String>>> NEEDED = Map.of(
      SourceKind.TRANSACTIONS, List.of(List.of("order_ts"), List.of("quantity"), List.of("unit_price", "amount")),
      SourceKind.CONTACTS, List.of(List.of("contact_id", "customer_id", "email")),
      SourceKind.SURVEYS, List.of(List.of("ts")));

  private FileCheck() {}

  /** Why the file must be refused as a whole, or empty when its records may be read. */
  static Optional<String> problem(SourceConfig config, String file, Configuration conf) {
    Path path = new Path(file);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (fs.getFileStatus(path).getLen() == 0) {
        return Optional.of("empty file (0 bytes)");
      }
      byte[] start = new byte[PROBE_BYTES];
      int n;
      boolean gz = FileParser.isCompressed(file);
      try (InputStream raw = fs.open(path)) {
        if (gz) {
          int b0 = raw.read();
          int b1 = raw.read();
          if (b0 != 0x1f || b1 != 0x8b) {
            return Optional.of("named " + path.getName().substring(path.getName().lastIndexOf('.'))
                + " but not gzip-compressed (it starts with bytes " + hex(b0) + " " + hex(b1) + ")");
          }
        }
        try (InputStream in = gz ? new GZIPInputStream(fs.open(path), 1 << 16) : raw) {
          n = in.readNBytes(start, 0, start.length);
        } catch (IOException e) {
          if (gz) {
            return Optional.empty(); // a cut inside the stream: FileParser loads what is readable and reports the cut
          }
          throw e;
        }
      }
      byte[] head = Arrays.copyOf(start, n);
      if (isBlank(head)) {
        return Optional.of(gz ? "empty file (no content once decompressed)" : "empty file (only blank lines)");
      }
      int nul = indexOfNul(head);
      if (nul >= 0) {
        return Optional.of("binary content (a NUL byte at offset " + nul + "), not " + config.dialect().encoding() + " text");
      }
      if (config.format() == SourceFormat.CSV && config.dialect().header()) {
        return headerProblem(config, firstLine(head, Charset.forName(config.dialect().encoding())));
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Optional<String> headerProblem(SourceConfig config, String header) {
    CsvRecordParser parser = new CsvRecordParser(config);
    parser.header(header);
    if (!parser.missingColumns().isEmpty()) {
      return Optional.of("the header has no column " + parser.missingColumns() + " (mapped in sources." + config.name()
          + ".columns); header: " + abbreviate(header));
    }
    if (!parser.missingRuleColumns().isEmpty()) {
      return Optional.of("the header has no column " + parser.missingRuleColumns() + " (read by sources." + config.name()
          + ".derive); header: " + abbreviate(header));
    }
    List<String> present = new ArrayList<>();
    for (CanonicalField f : config.fields()) {
      if (parser.hasColumn(f.name()) || config.defaults().containsKey(f.name())) {
        present.add(f.name());
      }
    }
    for (List<String> group : NEEDED.getOrDefault(config.kind(), List.of())) {
      if (group.stream().noneMatch(present::contains)) {
        return Optional.of("the header has no column for " + String.join(" or ", group)
            + " (map one under sources." + config.name() + ".columns); header: " + abbreviate(header));
      }
    }
    return Optional.empty();
  }

  /** The first non-blank line, BOM and CR removed; undecodable bytes replaced (the header check only needs names). */
  private static String firstLine(byte[] head, Charset charset) {
    int from = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
    while (true) {
      int end = from;
      while (end < head.length && head[end] != '\n') {
        end++;
      }
      String line = decode(Arrays.copyOfRange(head, from, end), charset).replace("\r", "");
      if (!line.isBlank() || end >= head.length) {
        return line;
      }
      from = end + 1;
    }
  }

  private static String decode(byte[] bytes, Charset charset) {
    try {
      return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  private static boolean isBlank(byte[] b) {
    for (byte x : b) {
      if (x != ' ' && x != '\t' && x != '\r' && x != '\n') {
        return false;
      }
    }
    return true;
  }

  private static int indexOfNul(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String hex(int b) {
    return b < 0 ? "(none)" : String.format("%02x", b);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
