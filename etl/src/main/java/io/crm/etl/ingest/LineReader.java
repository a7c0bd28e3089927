package io.crm.etl.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines (LF or CRLF) without decoding, so each line can be decoded on
 * its own (a bad byte spoils one record, not the file) and so that a compressed stream that ends
 * early still yields every complete line before the cut. Works for ASCII-compatible encodings.
 */
final class LineReader {
  /**
   * One line: its bytes without the terminator; {@code truncated} marks the fragment at a cut.
   * A line longer than the maximum keeps only its first bytes, and {@code length} tells how long
   * it really was.
   */
  record Line(byte[] bytes, boolean truncated, long length) {
    Line(byte[] bytes, boolean truncated) {
      this(bytes, truncated, bytes.length);
    }

    boolean tooLong(int max) {
      return length > max;
    }
  }

  private final InputStream in;
  private final boolean compressed;
  private final int maxLineBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[256];
  private int lineLen;
  /** Bytes of the current line, including those beyond the maximum that were not kept. */
  private long fullLen;
  private boolean done;
  private String cut;

  /**
   * @param compressed whether read errors mean "the file ends early" rather than an I/O failure
   * @param maxLineBytes longer lines keep only this many bytes, so a file without line breaks
   *     cannot exhaust the memory of the task reading it
   */
  LineReader(InputStream in, boolean compressed, int maxLineBytes) {
    this.in = in;
    this.compressed = compressed;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or null at the end. After a cut, the fragment comes once with truncated = true. */
  Line next() throws IOException {
    if (done) {
      return null;
    }
    lineLen = 0;
    fullLen = 0;
    while (true) {
      if (pos >= limit) {
        int n;
        try {
          n = in.read(buf);
        } catch (IOException e) {
          if (!compressed) {
            throw e;
          }
          done = true;
          cut = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
          return new Line(Arrays.copyOf(line, lineLen), true, fullLen);
        }
        if (n < 0) {
          done = true;
          return fullLen == 0 ? null : finished();
        }
        pos = 0;
        limit = n;
        continue;
      }
      int i = pos;
      while (i < limit && buf[i] != '\n') {
        i++;
      }
      append(pos, i - pos);
      if (i < limit) {
        pos = i + 1;
        return finished();
      }
      pos = limit;
    }
  }

  /** Why the stream ended early, or null when it did not. */
  String cut() {
    return cut;
  }

  private Line finished() {
    return fullLen > lineLen ? new Line(Arrays.copyOf(line, lineLen), false, fullLen) : new Line(withoutCr(), false);
  }

  private void append(int from, int len) {
    fullLen += len;
    len = (int) Math.min(len, Math.max(0, maxLineBytes - lineLen));
    if (len == 0) {
      return;
    }
    if (lineLen + len > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + len));
    }
    System.arraycopy(buf, from, line, lineLen, len);
    lineLen += len;
  }

  private byte[] withoutCr() {
    int len = lineLen;
    if (len > 0 && line[len - 1] == '\r') {
      len--;
    }
    return Arrays.copyOf(line, len);
  }
}
