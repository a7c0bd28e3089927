package io.crm.etl.source;

import java.io.Serializable;
import java.time.ZoneId;

/**
 * How a delimited text file is written: separators, quoting, encoding, number and date
 * conventions. Kept as plain values (pattern texts, zone id) so it travels to Spark executors.
 *
 * @param delimiter a single character, or {@code null} for {@link #WHITESPACE}: runs of blanks
 * @param quote the quote character, or {@code null} when fields are never quoted
 * @param encoding a Java charset name; a UTF-8 byte order mark is skipped
 * @param decimal '.' or ','
 * @param header true: the first line names the columns; false: columns are mapped by position
 * @param timestampFormat java.time pattern, or {@code null} for ISO-8601 (offset optional)
 * @param dateFormat java.time pattern for values that carry only a date
 * @param timezone zone for timestamps and dates that carry no offset
 * @param maxRecordBytes a longer record is quarantined as too_long (default 1 MiB)
 */
public record Dialect(
    Character delimiter,
    Character quote,
    String encoding,
    char decimal,
    boolean header,
    String timestampFormat,
    String dateFormat,
    ZoneId timezone,
    int maxRecordBytes)
    implements Serializable {

  public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

  /** The `delimiter:` value that splits on runs of spaces and tabs (fixed-column exports). */
  public static final String WHITESPACE = "whitespace";

  public static Dialect defaults() {
    return new Dialect(',', '"', "UTF-8", '.', true, null, "yyyy-MM-dd", ZoneId.of("UTC"), DEFAULT_MAX_RECORD_BYTES);
  }

  public boolean splitsOnWhitespace() {
    return delimiter == null;
  }
}
