package io.crm.etl.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

import io.crm.etl.bronze.BronzeSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Finds duplicates. Two records are the same when their content keys are (the `_row_hash`): for
 * a record that parsed, SHA-256 of its canonical values as typed and of the raw columns its derive
 * rules read, an id derived from file and line left out; conform's order-line dedupe uses the same
 * definition across sources. A rejected record's key is SHA-256 of its text (line ends
 * normalised, a BOM excluded), as there are no values to compare.
 *
 * <ul>
 *   <li>Identical records inside ONE file that carry no id of their own are separate events and
 *       all kept: the real CDNOW and access-log files have such repeats (two equal purchases on
 *       one day, two equal requests in one second).
 *   <li>Such a record in another file is a duplicate when a file ingested before, or earlier in
 *       this run (by path), already holds that content at least as often: the k-th copy of a text
 *       in a file is dropped if an earlier file or bronze/quarantine already has k or more
 *       copies. Re-delivering a file, or an export overlapping yesterday's, adds nothing; bronze
 *       keeps, per content, the largest count any single file had.
 *   <li>Records that carry their own id (`_has_id`: order_id, event_id, contact_id or
 *       response_id read from the file) name one record, so every second identical copy, in
 *       the same file or another, is a duplicate.
 * </ul>
 *
 * Works on the narrow key columns only; the wide rows are not shuffled.
 */
final class Deduplicator {
  /**
   * @param staged this run's records (good and rejected) with _row_hash, _file, _line, _has_id, _reason
   * @param existing _row_hash and _file of the rows already in bronze and quarantine
   * @return the duplicates: _file, _line and _good (true for a record that parsed)
   */
  Dataset<Row> duplicates(Dataset<Row> staged, Dataset<Row> existing) {
    String h = BronzeSchema.ROW_HASH;
    String f = BronzeSchema.FILE;
    Dataset<Row> keys =
        staged.select(
            col(h), col(f), col(BronzeSchema.LINE), col(BronzeSchema.HAS_ID),
            col(BronzeSchema.REASON).isNull().as("_good"));
    Dataset<Row> withOccurrence =
        keys.withColumn("_occ", row_number().over(Window.partitionBy(h, f).orderBy(BronzeSchema.LINE)));
    Dataset<Row> before =
        existing.groupBy(h, f).agg(count(lit(1)).as("_n")).groupBy(h).agg(max("_n").as("_existing"));
    Dataset<Row> perFile =
        keys.groupBy(h, f)
            .agg(count(lit(1)).as("_n"))
            .withColumn(
                "_earlier",
                max("_n").over(Window.partitionBy(h).orderBy(f).rowsBetween(Window.unboundedPreceding(), -1)))
            .join(before, new String[] {h}, "left")
            .withColumn("_limit", greatest(coalesce(col("_earlier"), lit(0L)), coalesce(col("_existing"), lit(0L))))
            .select(h, f, "_limit");
    return withOccurrence
        .join(perFile, new String[] {h, f}, "inner")
        .where(
            col("_occ").leq(col("_limit")).or(col(BronzeSchema.HAS_ID).and(col("_occ").gt(1))))
        .select(f, BronzeSchema.LINE, "_good");
  }
}
