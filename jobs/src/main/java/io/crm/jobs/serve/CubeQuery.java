package io.crm.jobs.serve;

import io.crm.analytics.cubes.CubeDefinition;
import io.crm.etl.source.Countries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A slice of a materialised cube, turned into SQL over the {@code cubes.<name>} DuckDB view.
 * Every dimension and measure name is checked against the cube's definition; filter values are
 * bound as parameters, so nothing a user types becomes SQL text.
 */
public final class CubeQuery {
  private final CubeDefinition cube;
  private final List<String> show;
  private final List<String> measures;
  private static final String COUNTRY = "country";
  private final Map<String, String> where;
  private final List<String> groupingSet;

  /**
   * @param by levels to show one row per value of
   * @param measures measure names (stored or derived); empty means all
   * @param where level = value filters; a country may be a name (English or German) or an ISO code
   * @param drill a hierarchy or level to go one level deeper in, or null
   */
  public CubeQuery(CubeDefinition cube, List<String> by, List<String> measures, Map<String, String> where, String drill) {
    this.cube = cube;
    List<String> allMeasures = new ArrayList<>(cube.measures().keySet());
    allMeasures.addAll(cube.derived().keySet());
    for (String m : measures) {
      if (!allMeasures.contains(m)) {
        throw new IllegalArgumentException("cube " + cube.name() + " has no measure '" + m + "'; measures: " + String.join(", ", allMeasures));
      }
    }
    this.measures = measures.isEmpty() ? allMeasures : List.copyOf(measures);
    by.forEach(cube::hierarchyOf);
    where.keySet().forEach(cube::hierarchyOf);
    this.where = new LinkedHashMap<>(where);
    // the cubes hold ISO codes, so a filter may name the country as people write it (Deutschland, EIRE)
    this.where.computeIfPresent(COUNTRY, (level, value) -> Countries.iso(value).orElse(value));
    Set<String> shown = new LinkedHashSet<>(by);
    if (drill != null) {
      shown.add(drillLevel(drill, by));
    }
    this.show = cube.levels().stream().filter(shown::contains).toList();
    Set<String> used = new LinkedHashSet<>(shown);
    used.addAll(where.keySet());
    this.groupingSet = pathTo(used);
    if (!cube.groupingSets().contains(groupingSet)) {
      throw new IllegalArgumentException("cube " + cube.name() + " has no slice by " + String.join(", ", groupingSet)
          + ": it combines at most " + cube.maxHierarchies() + " of its dimensions (" + String.join(", ",
              cube.hierarchies().stream().map(CubeDefinition.Hierarchy::name).toList()) + ")"
          + (cube.combinedDepth().isEmpty() ? "" : ", and " + cube.combinedDepth() + " levels deep when combined"));
    }
  }

  /** The next level below what is shown or filtered of {@code drill}'s hierarchy. */
  private String drillLevel(String drill, List<String> by) {
    CubeDefinition.Hierarchy h = cube.hierarchies().stream()
        .filter(x -> x.name().equals(drill))
        .findFirst()
        .orElseGet(() -> cube.hierarchyOf(drill));
    int deepest = -1;
    for (int i = 0; i < h.levels().size(); i++) {
      String level = h.levels().get(i);
      if (by.contains(level) || where.containsKey(level)) {
        deepest = i;
      }
    }
    if (deepest == h.levels().size() - 1) {
      throw new IllegalArgumentException("cannot drill into " + h.name() + ": " + h.levels().get(deepest) + " is its finest level");
    }
    return h.levels().get(deepest + 1);
  }

  /** Each used hierarchy down to its deepest used level, in definition order (a ROLLUP prefix). */
  private List<String> pathTo(Set<String> used) {
    List<String> out = new ArrayList<>();
    for (CubeDefinition.Hierarchy h : cube.hierarchies()) {
      int deepest = -1;
      for (int i = 0; i < h.levels().size(); i++) {
        if (used.contains(h.levels().get(i))) {
          deepest = i;
        }
      }
      out.addAll(h.levels().subList(0, deepest + 1));
    }
    return out;
  }

  /** The SQL text; {@link #parameters()} go to its placeholders in order. */
  public String sql() {
    StringBuilder sql = new StringBuilder("SELECT ");
    List<String> columns = new ArrayList<>();
    show.forEach(l -> columns.add(DuckDbCatalog.quoteIdent(l)));
    for (String m : measures) {
      String derived = cube.derived().get(m);
      columns.add((derived == null ? DuckDbCatalog.quoteIdent(m) : "ROUND(" + derived + ", 4)") + " AS " + DuckDbCatalog.quoteIdent(m));
    }
    sql.append(String.join(", ", columns));
    sql.append(" FROM cubes.").append(DuckDbCatalog.quoteIdent(cube.name())).append(" WHERE grouping_set = ?");
    where.keySet().forEach(l -> sql.append(" AND ").append(DuckDbCatalog.quoteIdent(l)).append(" = ?"));
    if (!show.isEmpty()) {
      sql.append(" ORDER BY ").append(String.join(", ", show.stream().map(DuckDbCatalog::quoteIdent).toList()));
    }
    return sql.toString();
  }

  public List<String> parameters() {
    List<String> params = new ArrayList<>();
    params.add(CubeDefinition.key(groupingSet));
    params.addAll(where.values());
    return params;
  }
}
