package io.crm.jobs.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The run ledger: one JSON line per finished job in {@code warehouse/_runs/jobs.jsonl}, for every
 * job, whether run alone or as a step of a night (run_id, job, as_of, started_at, finished_at,
 * outcome, rows in/out/quarantined, metrics, error). A night adds one line of its own (job
 * "nightly") when its day is committed; catch-up and backfill read those. `crm runs` prints it;
 * DuckDB reads it with {@code read_json('warehouse/_runs/jobs.jsonl')}. Lines are appended under
 * the workspace lock, one write each, so they never interleave.
 *
 * <p>The ledger lives with the warehouse, so it is read and written through Hadoop's FileSystem
 * and may be on HDFS or S3 as well. Where the file system can append (local disk, HDFS) a line is
 * appended; where it cannot (S3), the file is rewritten whole, which an object store makes
 * visible in one piece.
 */
public final class RunLedger {
  public static final String FILE = "jobs.jsonl";
  public static final String OK = "ok";
  public static final String FAILED = "failed";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final Path file;
  private final Supplier<Configuration> conf;

  /**
   * The ledger in {@code runsDir}, a local folder or a URI such as
   * hdfs://namenode:8020/crm/warehouse/_runs; {@code conf} is asked at every access, so a ledger
   * made before the Spark session uses the session's Hadoop settings once it runs.
   */
  public RunLedger(String runsDir, Supplier<Configuration> conf) {
    this.file = new Path(runsDir, FILE);
    this.conf = conf;
  }

  public RunLedger(String runsDir, Configuration conf) {
    this(runsDir, () -> conf);
  }

  /** The ledger in a local folder. */
  public RunLedger(java.nio.file.Path runsDir) {
    this(runsDir.toAbsolutePath().toString(), new Configuration());
  }

  /** One finished job. Counts are -1 when the job does not count them. */
  public record Entry(
      String runId,
      String job,
      LocalDate asOf,
      Instant startedAt,
      Instant finishedAt,
      String outcome,
      Long rowsIn,
      Long rowsOut,
      Long rowsQuarantined,
      Map<String, Object> metrics,
      String error) {

    public double seconds() {
      return startedAt == null || finishedAt == null ? 0 : (finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
    }
  }

  public synchronized void append(Entry entry) {
    try {
      byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
      FileSystem fs = fs();
      fs.mkdirs(file.getParent());
      if (!fs.exists(file)) {
        try (OutputStream out = fs.create(file, false)) {
          out.write(line);
        }
        return;
      }
      OutputStream appending;
      try {
        appending = fs.append(file);
      } catch (UnsupportedOperationException cannotAppend) {
        // S3 and other object stores have no append: write old and new lines as one new object
        byte[] old = read(fs);
        try (OutputStream out = fs.create(file, true)) {
          out.write(old);
          out.write(line);
        }
        return;
      }
      try (OutputStream out = appending) {
        out.write(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run ledger " + file, e);
    }
  }

  /** Every entry, oldest first; a line cut short by a kill is skipped. */
  public List<Entry> entries() {
    try {
      FileSystem fs = fs();
      if (!fs.exists(file)) {
        return List.of();
      }
      List<Entry> out = new ArrayList<>();
      for (String line : new String(read(fs), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(JSON.readValue(line, Entry.class));
        } catch (IOException torn) {
          // the last line of a process killed while writing it; the job is recorded as not done
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run ledger " + file, e);
    }
  }

  /** The newest as_of date a job finished successfully for. */
  public Optional<LocalDate> lastSuccess(String job) {
    LocalDate best = null;
    for (Entry e : entries()) {
      if (job.equals(e.job()) && OK.equals(e.outcome()) && e.asOf() != null && (best == null || e.asOf().isAfter(best))) {
        best = e.asOf();
      }
    }
    return Optional.ofNullable(best);
  }

  /** Whether a job finished successfully for this as_of date. */
  public boolean succeeded(String job, LocalDate asOf) {
    return entries().stream().anyMatch(e -> job.equals(e.job()) && OK.equals(e.outcome()) && asOf.equals(e.asOf()));
  }

  /** Where the ledger is, e.g. for messages. */
  public String file() {
    return file.toString();
  }

  private byte[] read(FileSystem fs) throws IOException {
    try (InputStream in = fs.open(file)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toByteArray();
    }
  }

  /**
   * The ledger's file system; on a local disk without Hadoop's checksum layer, which cannot
   * append and would leave .crc files beside a file DuckDB and people read.
   */
  private FileSystem fs() throws IOException {
    FileSystem fs = file.getFileSystem(conf.get());
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
  }

  public static String toJson(Entry e) {
    try {
      return JSON.writeValueAsString(e);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
