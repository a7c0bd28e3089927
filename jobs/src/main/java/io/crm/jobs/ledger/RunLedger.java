package io.crm.jobs.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run ledger: one JSON line per finished job in {@code warehouse/_runs/jobs.jsonl}, for every
 * job, whether run alone or as a step of a night (run_id, job, as_of, started_at, finished_at,
 * outcome, rows in/out/quarantined, metrics, error). A night adds one line of its own (job
 * "nightly") when its day is committed; catch-up and backfill read those. `crm runs` prints it;
 * DuckDB reads it with {@code read_json('warehouse/_runs/jobs.jsonl')}. Lines are appended under
 * the workspace lock, one write each, so they never interleave.
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

  public RunLedger(Path runsDir) {
    this.file = runsDir.resolve(FILE);
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
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run ledger " + file, e);
    }
  }

  /** Every entry, oldest first; a line cut short by a kill is skipped. */
  public List<Entry> entries() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<Entry> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
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

  public static String toJson(Entry e) {
    try {
      return JSON.writeValueAsString(e);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
