package io.crm.etl.conform;

import io.crm.sql.SqlModels;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a model from {@code sql/silver/<name>.sql} against the views registered in the session,
 * after filling in its {@code ${parameter}} placeholders (values are validated by the caller:
 * a time zone id, a number).
 */
final class SilverSql {
  private SilverSql() {}

  static Dataset<Row> run(SparkSession spark, String model, Map<String, String> params) {
    String sql = SqlModels.load("silver", model);
    for (Map.Entry<String, String> p : params.entrySet()) {
      sql = sql.replace("${" + p.getKey() + "}", p.getValue());
    }
    int open = sql.indexOf("${");
    if (open >= 0) {
      int close = sql.indexOf('}', open);
      throw new IllegalArgumentException(
          "sql/silver/" + model + ".sql uses parameter " + sql.substring(open, close < 0 ? open + 2 : close + 1) + " that no one sets");
    }
    return spark.sql(sql);
  }
}
