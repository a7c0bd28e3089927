package io.crm.etl.conform;

import io.crm.sql.SqlModels;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs conform's models against the views registered in the session, binding their {@code :name}
 * parameters (the one parameter syntax of every model in sql/) as literals, so a value never
 * becomes SQL text. Silver models ({@code sql/silver/}) build published tables; intermediate ones
 * ({@code sql/intermediate/}) build the steps in between, registered as views of the same name.
 */
final class SilverSql {
  private SilverSql() {}

  /** The model {@code sql/silver/<model>.sql}. */
  static Dataset<Row> run(SparkSession spark, String model, Map<String, Object> params) {
    return spark.sql(SqlModels.load("silver", model), params);
  }

  /** The model {@code sql/intermediate/<model>.sql}. */
  static Dataset<Row> intermediate(SparkSession spark, String model, Map<String, Object> params) {
    return spark.sql(SqlModels.load("intermediate", model), params);
  }

  /**
   * Runs {@code body} with {@code views} registered under their names in place of the session's
   * views of those names, which are registered again as they were (or dropped, where there were
   * none) when it returns or throws. What {@code body} builds keeps reading the replacements:
   * Spark binds a temporary view when it analyses a query, and {@code spark.sql} analyses at once.
   * This runs a model over a subset of its inputs (a night's rows, the rows of some keys).
   */
  static <T> T withViews(SparkSession spark, Map<String, Dataset<Row>> views, Supplier<T> body) {
    Map<String, Dataset<Row>> before = new HashMap<>();
    for (String view : views.keySet()) {
      if (spark.catalog().tableExists(view)) {
        before.put(view, spark.table(view));
      }
    }
    try {
      views.forEach((view, rows) -> rows.createOrReplaceTempView(view));
      return body.get();
    } finally {
      for (String view : views.keySet()) {
        if (before.containsKey(view)) {
          before.get(view).createOrReplaceTempView(view);
        } else {
          spark.catalog().dropTempView(view);
        }
      }
    }
  }
}
