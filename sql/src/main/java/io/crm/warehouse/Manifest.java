package io.crm.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One committed state of the warehouse: for every versioned table (a silver table, a gold
 * snapshot of one as_of date, a cube build) the folder, relative to the warehouse root, that holds
 * its current version. Stored as {@code _manifest/<version>.json}; the highest version is current.
 */
public record Manifest(long version, Instant committedAt, String job, String runId, Map<String, String> tables) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Manifest {
    tables = Collections.unmodifiableMap(new TreeMap<>(tables));
  }

  /** The state before the first commit. */
  static Manifest empty() {
    return new Manifest(0, Instant.EPOCH, "", "", Map.of());
  }

  /** This state with {@code changes} applied, as the next version. */
  Manifest next(String job, String runId, Map<String, String> changes) {
    Map<String, String> merged = new TreeMap<>(tables);
    merged.putAll(changes);
    return new Manifest(version + 1, Instant.now(), job, runId, merged);
  }

  String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", version);
    root.put("committed_at", committedAt.toString());
    root.put("job", job);
    root.put("run_id", runId);
    ObjectNode t = root.putObject("tables");
    tables.forEach(t::put);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Manifest parse(String json, String where) {
    try {
      JsonNode root = JSON.readTree(json);
      Map<String, String> tables = new TreeMap<>();
      root.path("tables").fields().forEachRemaining(e -> tables.put(e.getKey(), e.getValue().asText()));
      return new Manifest(
          root.path("version").asLong(),
          Instant.parse(root.path("committed_at").asText()),
          root.path("job").asText(),
          root.path("run_id").asText(),
          tables);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the warehouse manifest " + where + " is unreadable: " + e.getMessage(), e);
    }
  }
}
