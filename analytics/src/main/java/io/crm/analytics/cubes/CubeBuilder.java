package io.crm.analytics.cubes;

import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.segments.Segmentation;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Materialises the cubes of {@code sql/cubes} for one as_of date into
 * {@code gold/cubes/<cube>/as_of_date=...}: one row per cell of every grouping set the
 * definition asks for (one GROUPING SETS query per cube), the level columns left null where a
 * set rolls them up, and a {@code grouping_set} column naming the set.
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
    silver.registerViews("orders", "order_lines", "sessions", "survey_responses");
    gold.read(Segmentation.TABLE, asOf).createOrReplaceTempView("gold_segments");
    gold.read(CustomerFeatures.TABLE, asOf).createOrReplaceTempView("gold_customer_features");
    List<Built> built = new ArrayList<>();
    for (CubeDefinition cube : cubes) {
      long start = System.nanoTime();
      registerOptionalInputs(cube, asOf);
      spark.sql(cube.factsSql(), Map.of("as_of", asOf)).createOrReplaceTempView("cube_facts");
      Dataset<Row> cells = spark.sql(aggregationSql(cube)).cache();
      try {
        long rows = cells.count();
        String path = gold.publish(cells, TABLE_PREFIX + cube.name(), asOf);
        built.add(new Built(cube.name(), cube.groupingSets().size(), rows, path, (System.nanoTime() - start) / 1e9));
      } finally {
        cells.unpersist();
      }
    }
    return new Result(asOf, List.copyOf(built));
  }

  /** Gold inputs that may not exist yet are replaced by an empty table of the declared shape. */
  private void registerOptionalInputs(CubeDefinition cube, LocalDate asOf) {
    cube.optionalInputs().forEach((view, ddl) -> {
      String table = view.substring("gold_".length());
      Dataset<Row> data = gold.asOfDates(table).contains(asOf)
          ? gold.read(table, asOf)
          : spark.createDataFrame(List.of(), StructType.fromDDL(ddl));
      data.createOrReplaceTempView(view);
    });
  }

  /** One GROUPING SETS query over cube_facts; its text comes only from the cube definition. */
  static String aggregationSql(CubeDefinition cube) {
    List<String> levels = cube.levels();
    List<List<String>> sets = cube.groupingSets();
    // the set's name lists its grouped levels in definition order, as CubeDefinition.key does
    StringBuilder key = new StringBuilder("COALESCE(NULLIF(CONCAT_WS(','");
    for (String level : levels) {
      key.append(", CASE WHEN GROUPING(").append(level).append(") = 0 THEN '").append(level).append("' END");
    }
    key.append("), ''), '").append(CubeDefinition.key(List.of())).append("') AS grouping_set");
    StringBuilder sql = new StringBuilder("SELECT ");
    for (String level : levels) {
      sql.append("CAST(").append(level).append(" AS STRING) AS ").append(level).append(", ");
    }
    cube.measures().forEach((name, expr) -> sql.append(expr).append(" AS ").append(name).append(", "));
    sql.append(key).append(" FROM cube_facts GROUP BY GROUPING SETS (");
    for (int i = 0; i < sets.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(").append(String.join(", ", sets.get(i))).append(")");
    }
    return sql.append(")").toString();
  }

  /** One materialised cube. */
  public record Built(String cube, int groupingSets, long cells, String path, double seconds) {}

  /** What a run produced. */
  public record Result(LocalDate asOf, List<Built> cubes) {}
}
