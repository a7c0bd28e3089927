package io.crm.etl.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Marks exact duplicates. Two records are the same when their bytes are the same (the
 * `_row_hash`: SHA-256 of the record's text as stored in the file, line ends normalised).
 * Identical records inside ONE file are separate events and all kept (the real CDNOW and
 * access-log files have such repeats: two equal purchases on one day, two equal requests in
 * one second). A record is a duplicate when another file, ingested before or earlier in this
 * run (by path order), already holds that content at least as many times: the k-th copy of a
 * text in a file is dropped if an earlier file or bronze/quarantine already has k or more
 * copies. So re-delivering a file, or an export overlapping yesterday's, adds nothing, and
 * bronze keeps, per content, the largest count any single file had.
 *
 * <p>Records that carry their own id (`_has_id`: order_id, event_id, contact_id, response_id
 * read from the file) are different: an id names one record, so any second identical copy, in
 * the same file or another, is a duplicate.
 */
final class Deduplicator {
  static final String KEEP = "_keep";

  /**
   * @param staged this run's records (good and rejected) with _row_hash, _file and _line
   * @param existing _row_hash and _file of the rows already in bronze and quarantine
   * @return staged plus a boolean {@link #KEEP}: false for a duplicate
   */
  Dataset<Row> mark(Dataset<Row> staged, Dataset<Row> existing) {
    String h = BronzeSchema.ROW_HASH;
    String f = BronzeSchema.FILE;
    Dataset<Row> withOccurrence =
        staged.withColumn("_occ", row_number().over(Window.partitionBy(h, f).orderBy(BronzeSchema.LINE)));
    Dataset<Row> before =
        existing.groupBy(h, f).agg(count(lit(1)).as("_n")).groupBy(h).agg(max("_n").as("_existing"));
    Dataset<Row> perFile =
        staged
            .groupBy(h, f)
            .agg(count(lit(1)).as("_n"))
            .withColumn(
                "_earlier",
                max("_n").over(Window.partitionBy(h).orderBy(f).rowsBetween(Window.unboundedPreceding(), -1)))
            .join(before, new String[] {h}, "left")
            .withColumn("_limit", greatest(coalesce(col("_earlier"), lit(0L)), coalesce(col("_existing"), lit(0L))))
            .select(h, f, "_limit");
    return withOccurrence
        .join(perFile, new String[] {h, f}, "inner")
        .withColumn(
            KEEP,
            col("_occ").gt(col("_limit")).and(col(BronzeSchema.HAS_ID).unary_$bang().or(col("_occ").equalTo(1))))
        .drop("_occ", "_limit");
  }
}
