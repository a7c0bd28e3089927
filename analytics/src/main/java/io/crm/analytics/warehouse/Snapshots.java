package io.crm.analytics.warehouse;

import io.crm.warehouse.TableVersions;
import io.crm.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Gold tables as one snapshot per as_of date. A snapshot is written as a new version through the
 * {@link Warehouse} contract and becomes visible to other processes when the run commits; in this
 * process it is visible at once, so later steps of the same night read it.
 */
public final class Snapshots {
  private final SparkSession spark;
  private final Warehouse warehouse;

  public Snapshots(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /** Writes {@code data} as the snapshot of {@code table} for {@code asOf}, replacing an older one on commit. */
  public String publish(Dataset<Row> data, String table, LocalDate asOf) {
    String path = warehouse.newGoldVersion(table, asOf);
    data.write().mode(SaveMode.ErrorIfExists).parquet(path);
    warehouse.stageGold(table, asOf, path);
    return path;
  }

  /** One snapshot of a gold table (without the as_of_date column). */
  public Dataset<Row> read(String table, LocalDate asOf) {
    Optional<String> path = warehouse.gold(table, asOf);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("no " + table + " snapshot for " + asOf + " in " + warehouse.root() + " (run the step that builds it first)");
    }
    return TableVersions.read(spark, path.get());
  }

  /** The as_of dates that have a snapshot of {@code table}, oldest first. */
  public List<LocalDate> asOfDates(String table) {
    return warehouse.goldDates(table);
  }

  /** The newest snapshot date of {@code table} strictly before {@code asOf}, if any. */
  public Optional<LocalDate> previous(String table, LocalDate asOf) {
    LocalDate best = null;
    for (LocalDate d : asOfDates(table)) {
      if (d.isBefore(asOf)) {
        best = d;
      }
    }
    return Optional.ofNullable(best);
  }
}
