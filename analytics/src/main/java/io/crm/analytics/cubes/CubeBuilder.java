package io.crm.analytics.cubes;

import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.segments.Segmentation;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Materialises the cubes of {@code sql/cubes} for one as_of date into
 * {@code gold/cubes/<cube>/as_of_date=...}: one row per cell of every grouping set the
 * definition asks for (one GROUPING SETS query per cube), the level columns left null
 * where a set rolls them up, and a {@code grouping_set} column naming the set. Distinct counts are
 * exact; those with declared spans are summed flags (see {@link FirstOccurrenceFlags}).
 */
public final class CubeBuilder {
  public static final String TABLE_PREFIX = "cubes/";

  private final SparkSession spark;
  private final SilverTables silver;
  private final Snapshots gold;

  public CubeBuilder(SparkSession spark, SilverTables silver, Snapshots gold) {
    this.spark = spark;
    this.silver = silver;
    this.gold = gold;
  }

  public Result run(LocalDate asOf, List<CubeDefinition> cubes) {
    return run(asOf, cubes, b -> { });
  }

  /** As {@link #run(LocalDate, List)}, handing each cube to {@code onCube} once it is published. */
  public Result run(LocalDate asOf, List<CubeDefinition> cubes, Consumer<Built> onCube) {
    silver.registerViews("orders", "order_lines", "sessions", "survey_responses");
    gold.read(Segmentation.TABLE, asOf).createOrReplaceTempView(Segmentation.TABLE);
    gold.read(CustomerFeatures.TABLE, asOf).createOrReplaceTempView(CustomerFeatures.TABLE);
    List<Built> built = new ArrayList<>();
    for (CubeDefinition cube : cubes) {
      long start = System.nanoTime();
      registerOptionalInputs(cube, asOf);
      Dataset<Row> facts = spark.sql(cube.factsSql(), Map.of("as_of", asOf));
      for (Map.Entry<String, List<List<String>>> e : flagKeys(cube).entrySet()) {
        facts = new FirstOccurrenceFlags(cube.name(), e.getKey(), cube.distinctSpans().get(e.getKey()))
            .addTo(facts, cube.levels(), e.getValue());
      }
      facts.createOrReplaceTempView(cube.factsView());
      Dataset<Row> cells = spark.sql(aggregationSql(cube)).cache();
      try {
        long rows = cells.count();
        String path = gold.publish(cells, TABLE_PREFIX + cube.name(), asOf);
        Built b = new Built(cube.name(), cube.groupingSets().size(), rows, path, (System.nanoTime() - start) / 1e9);
        built.add(b);
        onCube.accept(b);
      } finally {
        cells.unpersist();
      }
    }
    return new Result(asOf, List.copyOf(built));
  }

  /** Gold inputs that may not exist yet are replaced by an empty table of the declared shape. */
  private void registerOptionalInputs(CubeDefinition cube, LocalDate asOf) {
    cube.optionalInputs().forEach((table, ddl) -> {
      Dataset<Row> data = gold.asOfDates(table).contains(asOf)
          ? gold.read(table, asOf)
          : spark.createDataFrame(List.of(), StructType.fromDDL(ddl));
      data.createOrReplaceTempView(table);
    });
  }

  /**
   * For each column counted distinct that has declared spans: the flag keys the grouping sets
   * need, i.e. each set's levels among the spans (see {@link FirstOccurrenceFlags}).
   */
  static Map<String, List<List<String>>> flagKeys(CubeDefinition cube) {
    Map<String, List<List<String>>> keys = new LinkedHashMap<>();
    for (String expr : cube.measures().values()) {
      CubeDefinition.distinctColumn(expr)
          .filter(cube.distinctSpans()::containsKey)
          .ifPresent(column -> {
            List<String> spans = cube.distinctSpans().get(column);
            Set<List<String>> needed = new LinkedHashSet<>();
            for (List<String> set : cube.groupingSets()) {
              needed.add(set.stream().filter(spans::contains).toList());
            }
            keys.put(column, List.copyOf(needed));
          });
    }
    return keys;
  }

  /**
   * One GROUPING SETS query over the cube's facts view; its text comes only from the cube definition. A
   * distinct count with declared spans is summed from the flag each set needs: the inner query
   * sums every flag in every set (sums are reduced before the shuffle), the outer picks the set's.
   */
  static String aggregationSql(CubeDefinition cube) {
    List<String> levels = cube.levels();
    List<List<String>> sets = cube.groupingSets();
    Map<String, List<List<String>>> flagKeys = flagKeys(cube);
    StringBuilder inner = new StringBuilder("SELECT ");
    for (String level : levels) {
      inner.append("CAST(").append(level).append(" AS STRING) AS ").append(level).append(", ");
    }
    cube.measures().forEach((name, expr) -> {
      if (!isFlagged(cube, expr)) {
        inner.append(expr).append(" AS ").append(name).append(", ");
      }
    });
    flagKeys.forEach((column, keys) -> keys.forEach(key -> {
      String flag = FirstOccurrenceFlags.column(column, key);
      inner.append("CAST(COALESCE(SUM(").append(flag).append("), 0) AS BIGINT) AS ").append(flag).append(", ");
    }));
    // the set's name lists its grouped levels in definition order, as CubeDefinition.key does
    inner.append("COALESCE(NULLIF(CONCAT_WS(','");
    for (String level : levels) {
      inner.append(", CASE WHEN GROUPING(").append(level).append(") = 0 THEN '").append(level).append("' END");
    }
    inner.append("), ''), '").append(CubeDefinition.key(List.of())).append("') AS grouping_set FROM ").append(cube.factsView()).append(" GROUP BY GROUPING SETS (");
    for (int i = 0; i < sets.size(); i++) {
      inner.append(i == 0 ? "" : ", ").append("(").append(String.join(", ", sets.get(i))).append(")");
    }
    inner.append(")");

    StringBuilder outer = new StringBuilder("SELECT ");
    levels.forEach(level -> outer.append(level).append(", "));
    cube.measures().forEach((name, expr) -> {
      if (isFlagged(cube, expr)) {
        String column = CubeDefinition.distinctColumn(expr).orElseThrow();
        List<String> spans = cube.distinctSpans().get(column);
        outer.append("CASE grouping_set");
        for (List<String> set : sets) {
          outer.append(" WHEN '").append(CubeDefinition.key(set)).append("' THEN ")
              .append(FirstOccurrenceFlags.column(column, set.stream().filter(spans::contains).toList()));
        }
        outer.append(" END AS ").append(name).append(", ");
      } else {
        outer.append(name).append(", ");
      }
    });
    return outer.append("grouping_set FROM (").append(inner).append(") cells").toString();
  }

  private static boolean isFlagged(CubeDefinition cube, String measure) {
    return CubeDefinition.distinctColumn(measure).filter(cube.distinctSpans()::containsKey).isPresent();
  }

  /** One materialised cube. */
  public record Built(String cube, int groupingSets, long cells, String path, double seconds) {}

  /** What a run produced. */
  public record Result(LocalDate asOf, List<Built> cubes) {}
}
