package io.crm.jobs.workspace;

import io.crm.etl.source.TimeZones;
import io.crm.jobs.cli.UserException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * crm.yaml as read from disk. Each module validates its own section (sources for etl, business
 * parameters for analytics); this class only parses the file and hands the sections out.
 */
public final class CrmConfig {
  private final Path file;
  private final Map<String, Object> root;

  private CrmConfig(Path file, Map<String, Object> root) {
    this.file = file;
    this.root = root;
  }

  public static CrmConfig load(Path file) {
    Object parsed;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (YAMLException e) {
      throw new UserException(file + " is not valid YAML: " + e.getMessage().replace('\n', ' '), e);
    }
    if (parsed == null) {
      return new CrmConfig(file, Map.of());
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new UserException(file + ": expected a mapping at the top level");
    }
    ConfigSchema.firstUnknownKey(map).ifPresent(problem -> {
      throw new UserException(file + ": " + problem);
    });
    return new CrmConfig(file, stringKeys(file, map, ""));
  }

  public Path file() {
    return file;
  }

  /** A top-level section as a map (empty when absent). */
  public Map<String, Object> section(String name) {
    Object value = root.get(name);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new UserException(file + ": '" + name + "' must be a mapping");
    }
    return stringKeys(file, map, name + ".");
  }

  /** The `sources` section: source name to its settings. */
  public Map<String, Map<String, Object>> sources() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : section("sources").entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> m)) {
        throw new UserException(file + ": sources." + e.getKey() + " must be a mapping");
      }
      out.put(e.getKey(), stringKeys(file, m, "sources." + e.getKey() + "."));
    }
    return out;
  }

  /** The business time zone (`timezone:`), UTC when absent. */
  public ZoneId zone() {
    try {
      return TimeZones.parse("timezone", string("timezone", "UTC"));
    } catch (IllegalArgumentException e) {
      throw new UserException(file + ": " + e.getMessage());
    }
  }

  /**
   * How many days of bronze, quarantine and ledger entries the nightly keeps (`retention.days`);
   * empty when absent: everything is kept.
   */
  public java.util.OptionalInt retentionDays() {
    Object v = section("retention").get("days");
    if (v == null) {
      return java.util.OptionalInt.empty();
    }
    try {
      int days = Integer.parseInt(v.toString().trim());
      if (days < 1) {
        throw new NumberFormatException();
      }
      return java.util.OptionalInt.of(days);
    } catch (NumberFormatException e) {
      throw new UserException(file + ": retention.days must be a whole number of days, at least 1, not '" + v + "'");
    }
  }

  public String string(String key, String fallback) {
    Object v = root.get(key);
    return v == null ? fallback : v.toString();
  }

  private static Map<String, Object> stringKeys(Path file, Map<?, ?> map, String path) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String k)) {
        throw new UserException(file + ": key " + path + e.getKey() + " must be text");
      }
      out.put(k, e.getValue());
    }
    return out;
  }
}
