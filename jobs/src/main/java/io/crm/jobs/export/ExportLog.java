package io.crm.jobs.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The export log: one JSON line per export in {@code warehouse/_runs/exports.jsonl} with the
 * SHA-256 of every exported (normalised) e-mail, so an erasure request can find the files that
 * held a person without the log itself holding addresses.
 */
public final class ExportLog {
  public static final String FILE = "exports.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  public ExportLog(Path runsDir) {
    this.file = runsDir.resolve(FILE);
  }

  public Path file() {
    return file;
  }

  public synchronized void append(Map<String, Object> entry) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export log " + file, e);
    }
  }

  /** Every entry, oldest first, as parsed JSON objects. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> entries() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<Map<String, Object>> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(JSON.readValue(line, Map.class));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the export log " + file, e);
    }
  }
}
