package io.crm.etl.conform;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds silver.contacts (latest state per contact, consent with its timestamp) from the staged
 * contact exports and silver.identities (views stg_contacts, identities); registers the view
 * {@code contacts}.
 */
public final class ContactsBuilder {
  private final SparkSession spark;
  private final SilverWriter writer;

  public ContactsBuilder(SparkSession spark, SilverWriter writer) {
    this.spark = spark;
    this.writer = writer;
  }

  /** contacts: rows written; optedIn: contacts whose latest state is a newsletter opt-in. */
  public record Result(long contacts, long optedIn) {}

  public Result run() {
    Dataset<Row> contacts = writer.write("contacts", SilverSql.run(spark, "contacts", Map.of()), null);
    contacts.createOrReplaceTempView("contacts");
    long optedIn = spark.sql("SELECT count(*) FROM contacts WHERE is_newsletter_opt_in").first().getLong(0);
    return new Result(writer.rows().get("contacts"), optedIn);
  }
}
