package io.crm.jobs.workspace;

import io.crm.etl.source.SourceConfigParser;
import io.crm.jobs.pipeline.QualityGates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Every key crm.yaml may hold, so that a misspelled key anywhere is refused with its YAML path
 * and the nearest valid key instead of being silently ignored. The sections' values are still
 * validated by the modules that read them; this class only knows the names.
 */
public final class ConfigSchema {
  /** A node of the key tree. */
  public sealed interface Node permits Value, Fields, Named {}

  /** A value whose own keys, if any, are checked by the module that reads it. */
  public record Value() implements Node {}

  /** A mapping with a fixed set of keys. */
  public record Fields(Map<String, Node> fields) implements Node {}

  /** A mapping whose keys are names the user picks (sources, campaigns), each shaped as {@code each}. */
  public record Named(Node each) implements Node {}

  private static final Value VALUE = new Value();

  /** The whole file. */
  public static final Fields ROOT = fields(
      "timezone", VALUE,
      "currency", VALUE,
      "warehouse", VALUE,
      "secret_file", VALUE,
      "retention", fields("days", VALUE),
      "sources", new Named(source()),
      "segments", fields(
          "rfm_grid", VALUE, "new_days", VALUE, "active_days", VALUE, "at_risk_days", VALUE, "lapsed_days", VALUE,
          "tier_a_share", VALUE, "tier_b_share", VALUE, "seed", VALUE,
          "clusters", fields("k", VALUE, "k_min", VALUE, "k_max", VALUE)),
      "clv", fields(
          "model", VALUE, "unit", VALUE, "margin", VALUE,
          "horizon", fields("amount", VALUE, "unit", VALUE),
          "discount_rate", fields("rate", VALUE, "per", VALUE)),
      "churn", fields(
          "active_days", VALUE, "horizon_days", VALUE, "retrain_days", VALUE, "folds", VALUE, "cv_max_rows", VALUE, "seed", VALUE,
          "risk_bands", fields("medium", VALUE, "high", VALUE)),
      // a campaign's settings depend on its kind; Campaigns checks them and lists the valid ones
      "campaigns", new Named(VALUE),
      "exports", fields("suppression", VALUE),
      "report", fields("enabled", VALUE, "languages", VALUE),
      "permissions", fields("group", VALUE));

  private ConfigSchema() {}

  private static Node source() {
    Map<String, Node> m = new LinkedHashMap<>();
    for (String key : SourceConfigParser.sourceKeys().stream().sorted().toList()) {
      m.put(key, VALUE);
    }
    m.put("dialect", new Fields(valuesOf(SourceConfigParser.dialectKeys())));
    m.put("quality", new Fields(valuesOf(QualityGates.keys())));
    return new Fields(m);
  }

  /**
   * The first key of {@code yaml} that the schema does not know, as an error message naming its
   * YAML path and the nearest valid key; empty when every key is known.
   */
  public static Optional<String> firstUnknownKey(Map<?, ?> yaml) {
    return check(ROOT, yaml, "");
  }

  /** Every key path of the schema (a source's keys under {@code sources.<name>}), for documentation checks. */
  public static List<String> keyPaths() {
    List<String> out = new ArrayList<>();
    collect(ROOT, "", out);
    return out;
  }

  private static Optional<String> check(Node node, Object value, String path) {
    if (!(value instanceof Map<?, ?> map)) {
      return Optional.empty(); // a wrong shape is the reading module's error, with its own message
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      Node child;
      if (node instanceof Named named) {
        child = named.each();
      } else if (node instanceof Fields fields) {
        child = fields.fields().get(key);
        if (child == null) {
          return Optional.of(path + key + ": unknown key" + nearest(key, fields.fields().keySet())
              .map(k -> "; did you mean '" + k + "'?").orElse(" (valid here: " + String.join(", ", fields.fields().keySet()) + ")"));
        }
      } else {
        continue;
      }
      Optional<String> inner = check(child, e.getValue(), path + key + ".");
      if (inner.isPresent()) {
        return inner;
      }
    }
    return Optional.empty();
  }

  /** The valid key closest to a typo, if it is close enough to be what was meant. */
  static Optional<String> nearest(String typo, Set<String> valid) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    String lower = typo.toLowerCase(Locale.ROOT);
    return valid.stream()
        .min(Comparator.comparingInt((String k) -> distance.apply(lower, k)).thenComparing(k -> k))
        .filter(k -> distance.apply(lower, k) <= Math.max(2, k.length() / 3));
  }

  private static void collect(Node node, String path, List<String> out) {
    if (node instanceof Fields fields) {
      fields.fields().forEach((key, child) -> {
        out.add(path + key);
        collect(child, path + key + ".", out);
      });
    } else if (node instanceof Named named) {
      collect(named.each(), path + "<name>.", out);
    }
  }

  private static Map<String, Node> valuesOf(Set<String> keys) {
    Map<String, Node> m = new LinkedHashMap<>();
    keys.stream().sorted().forEach(k -> m.put(k, VALUE));
    return m;
  }

  private static Fields fields(Object... keysAndNodes) {
    Map<String, Node> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndNodes.length; i += 2) {
      m.put((String) keysAndNodes[i], (Node) keysAndNodes[i + 1]);
    }
    return new Fields(m);
  }
}
