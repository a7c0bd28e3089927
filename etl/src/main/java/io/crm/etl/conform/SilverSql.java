package io.crm.etl.conform;

import io.crm.sql.SqlModels;
import java.util.Map;
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
}
