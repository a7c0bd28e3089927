package io.crm.etl.conform;

import io.crm.sql.SqlModels;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a model from {@code sql/silver/<name>.sql} against the views registered in the session,
 * binding its {@code :name} parameters (the one parameter syntax of every model in sql/) as
 * literals, so a value never becomes SQL text.
 */
final class SilverSql {
  private SilverSql() {}

  static Dataset<Row> run(SparkSession spark, String model, Map<String, Object> params) {
    return spark.sql(SqlModels.load("silver", model), params);
  }
}
