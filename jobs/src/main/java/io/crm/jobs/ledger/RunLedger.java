package io.crm.jobs.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The run ledger: one JSON line per job run in {@code warehouse/_runs/jobs.jsonl} (job, as_of,
 * start, end, outcome, message), appended when the run ends. Analysts read it with
 * {@code crm query "SELECT * FROM read_json('warehouse/_runs/jobs.jsonl')"} or any JSON tool.
 */
public final class RunLedger {
  public static final String FILE = "jobs.jsonl";

  private static final ObjectMapper JSON =
      new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path file;

  public RunLedger(Path runsDir) {
    this.file = runsDir.resolve(FILE);
  }

  /** One finished run. */
  public record Entry(String runId, String job, LocalDate asOf, Instant startedAt, Instant finishedAt, String outcome, String message) {}

  public synchronized void append(Entry entry) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run ledger " + file, e);
    }
  }

  public List<Entry> entries() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<Entry> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(JSON.readValue(line, Entry.class));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run ledger " + file, e);
    }
  }
}
