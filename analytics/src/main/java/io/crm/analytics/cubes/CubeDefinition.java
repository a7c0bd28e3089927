package io.crm.analytics.cubes;

import io.crm.sql.SqlModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One cube as defined in {@code sql/cubes/<name>.yaml}: hierarchies of levels, measures stored per
 * cell, measures derived from them when served, and which grouping sets are materialised. The
 * fact rows come from the model {@code sql/cubes/<name>_facts.sql}, registered as the view {@code <name>_facts}. {@code distinct_spans} names, for a column
 * counted distinct, the levels that may differ between the rows of one of its values (an order
 * spans products; its date and channel are one); the builder checks that claim while it counts.
 */
public record CubeDefinition(
    String name,
    String description,
    List<Hierarchy> hierarchies,
    Map<String, String> measures,
    Map<String, String> derived,
    int maxHierarchies,
    Map<String, Integer> combinedDepth,
    Map<String, String> optionalInputs,
    Map<String, List<String>> distinctSpans) {

  /** A dimension whose levels go from coarse to fine, e.g. date: year > quarter > month > day. */
  public record Hierarchy(String name, List<String> levels) {}

  /** Every cube listed in {@code sql/cubes/index.yaml}, in build order. */
  public static List<CubeDefinition> all() {
    Map<String, Object> index = yaml("sql/cubes/index.yaml");
    List<CubeDefinition> out = new ArrayList<>();
    for (Object name : list(index.get("cubes"), "sql/cubes/index.yaml: cubes")) {
      out.add(load(name.toString()));
    }
    return out;
  }

  /** The cube called {@code name}; an unknown name lists the known ones. */
  public static CubeDefinition named(String name) {
    List<CubeDefinition> all = all();
    return all.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown cube '" + name + "'; cubes: " + String.join(", ", all.stream().map(CubeDefinition::name).toList())));
  }

  static CubeDefinition load(String name) {
    String file = "sql/cubes/" + name + ".yaml";
    Map<String, Object> y = yaml(file);
    List<Hierarchy> hierarchies = new ArrayList<>();
    for (Map.Entry<String, Object> e : map(y.get("dimensions"), file + ": dimensions").entrySet()) {
      List<String> levels = list(e.getValue(), file + ": dimensions." + e.getKey()).stream().map(Object::toString).toList();
      hierarchies.add(new Hierarchy(e.getKey(), levels));
    }
    Map<String, Integer> depth = new LinkedHashMap<>();
    map(y.get("combined_depth"), file + ": combined_depth").forEach((k, v) -> depth.put(k, ((Number) v).intValue()));
    List<String> levels = hierarchies.stream().flatMap(h -> h.levels().stream()).toList();
    Map<String, List<String>> spans = new LinkedHashMap<>();
    map(y.get("distinct_spans"), file + ": distinct_spans").forEach((column, v) -> {
      List<String> spanned = list(v, file + ": distinct_spans." + column).stream().map(Object::toString).toList();
      for (String level : spanned) {
        if (!levels.contains(level)) {
          throw new IllegalArgumentException(file + ": distinct_spans." + column + " names '" + level
              + "', which is no level; levels: " + String.join(", ", levels));
        }
      }
      // kept in level order, so that equal sets of levels give equal keys
      spans.put(column, levels.stream().filter(spanned::contains).toList());
    });
    return new CubeDefinition(
        name,
        String.valueOf(y.getOrDefault("description", "")),
        List.copyOf(hierarchies),
        strings(map(y.get("measures"), file + ": measures")),
        strings(map(y.get("derived"), file + ": derived")),
        ((Number) y.getOrDefault("max_hierarchies", 2)).intValue(),
        depth,
        strings(map(y.get("optional_inputs"), file + ": optional_inputs")),
        Map.copyOf(spans));
  }

  /** The SQL that produces this cube's fact rows (parameter {@code :as_of}). */
  public String factsSql() {
    return SqlModels.load("cubes", factsView());
  }

  /** The name of the facts model and of the view its rows are registered as: {@code <name>_facts}. */
  public String factsView() {
    return name + "_facts";
  }

  /**
   * The column that {@code COUNT(DISTINCT column)} counts when that is all a measure does, else
   * empty; such measures are counted with first-occurrence flags when the column has declared spans.
   */
  public static Optional<String> distinctColumn(String measure) {
    Matcher m = COUNT_DISTINCT.matcher(measure);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static final Pattern COUNT_DISTINCT =
      Pattern.compile("(?i)\\s*COUNT\\s*\\(\\s*DISTINCT\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*");

  /** All level columns in definition order. */
  public List<String> levels() {
    List<String> out = new ArrayList<>();
    hierarchies.forEach(h -> out.addAll(h.levels()));
    return out;
  }

  /** The hierarchy that holds {@code level}, or an error listing the levels there are. */
  public Hierarchy hierarchyOf(String level) {
    return hierarchies.stream()
        .filter(h -> h.levels().contains(level))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "cube " + name + " has no dimension '" + level + "'; dimensions: " + String.join(", ", levels())));
  }

  /**
   * The grouping sets to materialise: every combination of at most {@link #maxHierarchies}
   * hierarchies, each cut at any depth (a prefix of its levels, as ROLLUP does), where a
   * hierarchy combined with others goes no deeper than its {@code combined_depth}.
   */
  public List<List<String>> groupingSets() {
    List<List<String>> sets = new ArrayList<>();
    collect(0, new ArrayList<>(), 0, sets);
    return sets;
  }

  private void collect(int index, List<List<String>> chosen, int used, List<List<String>> out) {
    if (index == hierarchies.size()) {
      boolean combined = chosen.stream().filter(c -> !c.isEmpty()).count() > 1;
      List<String> set = new ArrayList<>();
      for (int i = 0; i < chosen.size(); i++) {
        List<String> prefix = chosen.get(i);
        Integer cap = combinedDepth.get(hierarchies.get(i).name());
        if (combined && cap != null && prefix.size() > cap) {
          return;
        }
        set.addAll(prefix);
      }
      out.add(List.copyOf(set));
      return;
    }
    Hierarchy h = hierarchies.get(index);
    for (int depth = 0; depth <= h.levels().size(); depth++) {
      if (depth > 0 && used == maxHierarchies) {
        break;
      }
      chosen.add(h.levels().subList(0, depth));
      collect(index + 1, chosen, used + (depth > 0 ? 1 : 0), out);
      chosen.remove(chosen.size() - 1);
    }
  }

  /** The levels a hierarchy reaches only alone: those deeper than its {@code combined_depth}. */
  public List<String> levelsOnlyAlone() {
    List<String> out = new ArrayList<>();
    for (Hierarchy h : hierarchies) {
      Integer cap = combinedDepth.get(h.name());
      if (cap != null && cap < h.levels().size()) {
        out.addAll(h.levels().subList(cap, h.levels().size()));
      }
    }
    return out;
  }

  /** The name of a grouping set as stored in the cube's {@code grouping_set} column. */
  public static String key(List<String> set) {
    return set.isEmpty() ? "(total)" : String.join(",", set);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String resource) {
    try (InputStream in = CubeDefinition.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no " + resource + " on the classpath");
      }
      Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return parsed == null ? Map.of() : (Map<String, Object>) parsed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object v, String path) {
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(path + " must be a mapping");
    }
    return new LinkedHashMap<>((Map<String, Object>) v);
  }

  private static List<?> list(Object v, String path) {
    if (!(v instanceof List<?> l)) {
      throw new IllegalArgumentException(path + " must be a list");
    }
    return l;
  }

  private static Map<String, String> strings(Map<String, Object> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
