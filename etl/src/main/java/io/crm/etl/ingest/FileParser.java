package io.crm.etl.ingest;

import io.crm.etl.source.SourceConfig;
import io.crm.etl.source.SourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads one landing file and yields one staging row per record, good or rejected, lazily (a
 * file is never held in memory). Runs inside a Spark task: one task per file. Lines are split
 * on bytes and decoded one by one, so a bad byte or a cut in a .gz spoils one record only.
 */
final class FileParser implements Iterator<Row>, AutoCloseable {
  /** A quoted field may span lines, but not more than this many (an unclosed quote would eat the file). */
  static final int MAX_RECORD_LINES = 100;

  private record TextLine(long number, byte[] bytes, String text, boolean badEncoding, boolean truncated, long length) {}

  /** How much of a too-long record the quarantine keeps as its original text. */
  static final int TOO_LONG_KEPT_CHARS = 1_000;

  private final SourceConfig config;
  private final String file;
  private final String fileName;
  private final RecordParser parser;
  private final RecordConverter converter;
  private final CharsetDecoder decoder;
  private final Charset charset;
  private final boolean utf8;
  private final MessageDigest sha;
  private final Deque<TextLine> pending = new ArrayDeque<>();
  private final InputStream stream;
  private LineReader reader;
  private long lineNumber;
  private boolean headerSeen;
  private boolean finished;
  private Row next;
  private final boolean sqlRules;
  private final List<String> ruleColumns;
  /** Index of the kind's own id field (order_id, ...) among the values, or -1 (access logs). */
  private final int idField;
  /** Why the gzip header could not be read, when it could not. */
  private String truncation;

  FileParser(SourceConfig config, String file, Configuration conf) {
    this.config = config;
    this.file = file;
    Path path = new Path(file);
    this.fileName = path.getName();
    this.parser =
        switch (config.format()) {
          case CSV -> new CsvRecordParser(config);
          case LOG -> new AccessLogParser(config);
          case JSONL -> new JsonEventParser(config);
        };
    FieldConverter fc =
        config.format() == SourceFormat.LOG
            ? new FieldConverter(config.dialect(), AccessLogParser.TIMESTAMP_PATTERN)
            : new FieldConverter(config.dialect());
    this.converter = new RecordConverter(config, fc);
    this.sqlRules = config.hasSqlRules();
    this.ruleColumns = config.ruleColumns();
    this.idField = converter.idIndex();
    this.charset = Charset.forName(config.dialect().encoding());
    this.utf8 = charset.equals(StandardCharsets.UTF_8);
    this.decoder =
        charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    try {
      this.stream = path.getFileSystem(conf).open(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
    boolean gz = isCompressed(file);
    try {
      this.reader = new LineReader(gz ? new GZIPInputStream(stream, 1 << 16) : stream, gz, config.dialect().maxRecordBytes());
    } catch (IOException e) {
      // the gzip header itself is cut: the whole file is one (empty) truncated fragment
      this.reader = null;
      pending.add(new TextLine(1, new byte[0], "", false, true, 0));
      truncation = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  static boolean isCompressed(String file) {
    String f = file.toLowerCase(Locale.ROOT);
    return f.endsWith(".gz") || f.endsWith(".gzip");
  }

  @Override
  public boolean hasNext() {
    if (next == null && !finished) {
      try {
        next = advance();
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + file + " failed after line " + lineNumber, e);
      }
      if (next == null) {
        finished = true;
        close();
      }
    }
    return next != null;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row r = next;
    next = null;
    return r;
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + file, e);
    }
  }

  private Row advance() throws IOException {
    while (true) {
      TextLine line = take();
      if (line == null) {
        return null;
      }
      if (line.truncated()) {
        String cut = reader == null ? truncation : reader.cut();
        return rejected(
            List.of(line), ReasonCode.TRUNCATED_FILE,
            "file ends early inside line " + line.number() + " (" + (line.bytes().length) + " bytes of it readable): " + cut,
            "truncated_file\u0000");
      }
      if (line.length() > config.dialect().maxRecordBytes()) {
        return tooLong(List.of(line), line.length());
      }
      if (line.text().isBlank() && !line.badEncoding()) {
        continue; // blank lines carry no record
      }
      if (parser.hasHeader() && !headerSeen) {
        headerSeen = true;
        parser.header(line.text());
        continue;
      }
      List<TextLine> record = new ArrayList<>(1);
      record.add(line);
      if (!line.badEncoding() && parser.continues(line.text())) {
        StringBuilder sb = new StringBuilder(line.text());
        boolean closed = false;
        while (record.size() < MAX_RECORD_LINES) {
          TextLine more = take();
          if (more == null) {
            break;
          }
          record.add(more);
          if (more.truncated() || more.badEncoding() || more.length() > config.dialect().maxRecordBytes()) {
            break;
          }
          sb.append('\n').append(more.text());
          if (!parser.continues(sb)) {
            closed = true;
            break;
          }
        }
        if (!closed) {
          // give back all but the first line: they are records of their own
          for (int i = record.size() - 1; i >= 1; i--) {
            pending.addFirst(record.get(i));
          }
          return rejected(
              List.of(line), ReasonCode.UNPARSEABLE,
              "quote opened in line " + line.number() + " is not closed within " + MAX_RECORD_LINES + " lines", "");
        }
      }
      long recordLength = record.stream().mapToLong(TextLine::length).sum() + record.size() - 1;
      if (recordLength > config.dialect().maxRecordBytes()) {
        return tooLong(record, recordLength);
      }
      for (TextLine l : record) {
        if (l.badEncoding()) {
          return rejected(
              record, ReasonCode.BAD_ENCODING,
              "line " + l.number() + " is not valid " + charset.name() + " (check dialect.encoding)", "");
        }
      }
      String text = record.size() == 1 ? line.text() : join(record);
      try {
        String[] raw = parser.fields(text);
        boolean hasId = converter.carriesId(raw);
        Object[] values = converter.convert(raw, fileName, line.number());
        return row(values, line.number(), contentHash(values, raw, hasId), null, null, sqlRules ? text : null, hasId, raw);
      } catch (RejectedRecord e) {
        String detail = e.detail();
        if (e.reason() == ReasonCode.MISSING_REQUIRED
            && parser instanceof CsvRecordParser csv
            && !csv.missingColumns().isEmpty()) {
          detail += " (the header has no column " + csv.missingColumns() + ")";
        }
        return rejected(record, e.reason(), detail, "");
      }
    }
  }

  private TextLine take() throws IOException {
    if (!pending.isEmpty()) {
      return pending.pollFirst();
    }
    if (reader == null) {
      return null;
    }
    LineReader.Line l = reader.next();
    if (l == null) {
      return null;
    }
    lineNumber++;
    byte[] b = l.bytes();
    if (lineNumber == 1 && utf8 && b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
      b = java.util.Arrays.copyOfRange(b, 3, b.length);
    }
    String text;
    boolean bad = false;
    try {
      text = decoder.reset().decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      text = new String(b, charset);
      bad = true;
    }
    return new TextLine(lineNumber, b, text, bad, l.truncated(), l.length());
  }

  /** A record over the maximum: quarantined with its start only, and a hash of what was kept plus its length. */
  private Row tooLong(List<TextLine> record, long length) {
    String text = join(record);
    String kept = text.length() > TOO_LONG_KEPT_CHARS ? text.substring(0, TOO_LONG_KEPT_CHARS) : text;
    return row(new Object[converter.width()], record.get(0).number(), hash(record, "too_long:" + length + "\u0000"),
        ReasonCode.TOO_LONG.code(),
        "record of " + length + " bytes starting in line " + record.get(0).number() + " is longer than the maximum of "
            + config.dialect().maxRecordBytes() + " (dialect.max_record_bytes); the first " + kept.length() + " characters are kept",
        keptText(kept), false, null);
  }

  private Row rejected(List<TextLine> record, ReasonCode reason, String detail, String hashPrefix) {
    return row(new Object[converter.width()], record.get(0).number(), hash(record, hashPrefix), reason.code(), detail,
        keptText(join(record)), false, null);
  }

  /** A quarantined line as kept: IP addresses in it shortened unless the source keeps them in full. */
  private String keptText(String text) {
    return config.fullIpAddresses() || config.kind().field("ip").isEmpty() ? text : IpAddresses.shortenAll(text);
  }

  private Row row(Object[] values, long line, String hash, String reason, String detail, String rawText, boolean hasId, String[] raw) {
    Object[] r = new Object[values.length + (sqlRules ? 9 : 8)];
    System.arraycopy(values, 0, r, 0, values.length);
    int i = values.length;
    r[i] = config.name();
    r[i + 1] = file;
    r[i + 2] = line;
    r[i + 3] = hash;
    r[i + 4] = reason;
    r[i + 5] = detail;
    r[i + 6] = rawText;
    r[i + 7] = hasId;
    if (sqlRules && raw != null) {
      Map<String, String> columns = new HashMap<>();
      int base = config.fields().size();
      for (int k = 0; k < ruleColumns.size(); k++) {
        columns.put(ruleColumns.get(k), raw[base + k]);
      }
      r[i + 8] = scala.jdk.javaapi.CollectionConverters.asScala(columns);
    }
    return RowFactory.create(r);
  }

  /**
   * The content key of a record that parsed: SHA-256 of its canonical values as typed (plus the
   * raw columns its derive rules read), so ingest and conform call the same two lines duplicates
   * (see {@link Deduplicator}). An id derived from file and line is left out: it would make every
   * line unique, and such records are matched by content and count instead.
   */
  private String contentHash(Object[] values, String[] raw, boolean hasId) {
    sha.reset();
    for (int i = 0; i < values.length; i++) {
      if (i == idField && !hasId) {
        continue;
      }
      sha.update(canonicalText(values[i]).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    for (int k = config.fields().size(); k < raw.length; k++) {
      sha.update((raw[k] == null ? "\u0001" : raw[k].trim()).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  private static String canonicalText(Object v) {
    if (v == null) {
      return "\u0001";
    }
    if (v instanceof java.math.BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }

  /** A rejected record's content key: SHA-256 of its bytes (lines joined by LF, BOM and CR removed). */
  private String hash(List<TextLine> record, String prefix) {
    sha.reset();
    sha.update(prefix.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < record.size(); i++) {
      if (i > 0) {
        sha.update((byte) '\n');
      }
      sha.update(record.get(i).bytes());
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  private static String join(List<TextLine> record) {
    if (record.size() == 1) {
      return record.get(0).text();
    }
    StringBuilder sb = new StringBuilder();
    for (TextLine l : record) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(l.text());
    }
    return sb.toString();
  }
}
