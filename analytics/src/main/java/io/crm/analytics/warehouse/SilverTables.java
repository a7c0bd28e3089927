package io.crm.analytics.warehouse;

import io.crm.warehouse.SessionCustomers;
import io.crm.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Read access to the silver layer: the only way analytics sees what etl produced. Registers the
 * tables as temporary views named like the tables for the SQL models in sql/gold.
 */
public final class SilverTables {
  private final SparkSession spark;
  private final Warehouse warehouse;

  public SilverTables(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /** A silver table; sessions and page views with their person (see {@link SessionCustomers}). */
  public Dataset<Row> table(String name) {
    return SessionCustomers.read(spark, warehouse, name);
  }

  /** Registers each table as a view of its own name, the name of the model that builds it. */
  public void registerViews(String... names) {
    for (String name : names) {
      table(name).createOrReplaceTempView(name);
    }
  }
}
