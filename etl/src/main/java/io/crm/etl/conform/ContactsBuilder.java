package io.crm.etl.conform;

import static org.apache.spark.sql.functions.broadcast;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds silver.contacts (latest state per contact, consent with its timestamp) from the staged
 * contact exports and silver.identities (views stg_contacts, identities); registers the view
 * {@code contacts}.
 *
 * <p>Contact records are only ever added to between full refreshes, so a night that knows the
 * records it added and the identities whose person it changed builds again only the contacts those
 * reach (sql/intermediate/contacts_again.sql) and keeps the other rows of the last run's table:
 * deriving every contact from all its records took about 30 s a night at a million customers.
 */
public final class ContactsBuilder {
  private final SparkSession spark;
  private final SilverWriter writer;

  public ContactsBuilder(SparkSession spark, SilverWriter writer) {
    this.spark = spark;
    this.writer = writer;
  }

  /**
   * What a night changed that contacts are derived from.
   *
   * @param addedRecords the contact records the night staged (stg_contacts holds them too)
   * @param identitiesMoved the rows of silver.identities the night derived again that are new or
   *     name another person than before (the rest give a contact the person it had)
   * @param before silver.contacts as the last run wrote it
   */
  public record Increment(Dataset<Row> addedRecords, Dataset<Row> identitiesMoved, Dataset<Row> before) {}

  /**
   * contacts: rows written; builtAgain: rows derived this run (all, unless only those a night's
   * changes reach were); touchedPersons: the customer_id, before and after, of every contact
   * derived again, or null when all were.
   */
  public record Result(long contacts, long builtAgain, Dataset<Row> touchedPersons) {}

  /** @param increment what the night changed; null derives every contact */
  public Result run(Increment increment) {
    SilverSql.intermediate(spark, "contact_records", Map.of()).createOrReplaceTempView("contact_records");
    Dataset<Row> all = SilverSql.run(spark, "contacts", Map.of());
    if (increment == null || increment.before() == null || !Conform.sameColumns(increment.before(), all)) {
      writer.write("contacts", all, null).createOrReplaceTempView("contacts");
      long rows = writer.rows().get("contacts");
      return new Result(rows, rows, null);
    }
    Dataset<Row> before = increment.before();
    Dataset<Row> addedRecords = SilverSql.withViews(spark, Map.of("stg_contacts", increment.addedRecords()),
        () -> SilverSql.intermediate(spark, "contact_records", Map.of()));
    Dataset<Row> keys = SilverSql.withViews(spark,
            Map.of("contact_records_new", addedRecords, "contacts_before", before, "identities_moved", increment.identitiesMoved()),
            () -> SilverSql.intermediate(spark, "contacts_again", Map.of()))
        .localCheckpoint();
    Dataset<Row> records = spark.table("contact_records");
    Dataset<Row> theirRecords = records.join(broadcast(keys), sameKey(records, "_source", "contact_key", keys), "left_semi");
    Dataset<Row> rebuilt = SilverSql.withViews(spark, Map.of("contact_records", theirRecords),
            () -> SilverSql.run(spark, "contacts", Map.of()))
        .localCheckpoint();
    String[] columns = all.columns();
    Dataset<Row> replaced = before.join(broadcast(keys), sameKey(before, "source", "contact_id", keys), "left_semi");
    Dataset<Row> kept = before.join(broadcast(keys), sameKey(before, "source", "contact_id", keys), "left_anti");
    writer.write("contacts", kept.selectExpr(columns).union(rebuilt.selectExpr(columns)), null)
        .createOrReplaceTempView("contacts");
    Dataset<Row> touched = rebuilt.select("customer_id").union(replaced.select("customer_id"));
    return new Result(writer.rows().get("contacts"), rebuilt.count(), touched);
  }

  /** rows' source and contact key (null-safe) equal to those of {@code keys}. */
  private static Column sameKey(Dataset<Row> rows, String source, String contact, Dataset<Row> keys) {
    return rows.col(source).eqNullSafe(keys.col("source")).and(rows.col(contact).eqNullSafe(keys.col("contact_id")));
  }
}
