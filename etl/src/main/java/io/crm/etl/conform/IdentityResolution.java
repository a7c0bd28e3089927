package io.crm.etl.conform;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Resolves every customer_id, e-mail and cookie id to a person and writes silver.identities and
 * silver.web_identity_hits, the web traffic reduced to what resolution reads of it. Reads the
 * staged views stg_transactions, stg_contacts and stg_surveys and the session hits it is given;
 * registers the view {@code identities} (the written table) for later steps.
 *
 * <p>Persons are the connected components of the strong links (customer_id and valid e-mail on
 * one record), found with {@link ConnectedComponents} in Spark; cookies are attached to the person
 * of their latest login or order confirmation. The rules are spelled out in
 * sql/intermediate/identity_edges.sql and cookie_links.sql, sql/silver/identities.sql and
 * web_identity_hits.sql.
 */
public final class IdentityResolution {
  /** The web traffic as identity resolution reads it, kept from night to night. */
  public static final String WEB_EVIDENCE = "web_identity_hits";

  private final SparkSession spark;
  private final SilverWriter writer;
  private final ConnectedComponents components;

  public IdentityResolution(SparkSession spark, SilverWriter writer, ConnectedComponents components) {
    this.spark = spark;
    this.writer = writer;
    this.components = components;
  }

  /** identities: rows written; persons: distinct resolved customers; rounds: propagation rounds. */
  public record Result(long identities, long persons, long linkedCookies, int rounds) {}

  /**
   * @param hits session hits: all of silver.session_hits, or with {@code kept} the hits this run
   *     added or cut again
   * @param kept silver.web_identity_hits as the last run wrote it, to which {@code hits} add (as
   *     files of their own, or merged when the kept rows are spread over many files); null to
   *     reduce {@code hits} alone
   */
  public Result run(Dataset<Row> hits, Dataset<Row> kept) {
    hits.createOrReplaceTempView("identity_web_hits");
    List<String> keptFiles = SilverWriter.dataFiles(kept);
    // a night's evidence goes to new files beside the kept ones, as it is, instead of merged into
    // a table written whole again (12 of the 100 s of identity resolution at a million
    // customers): every reader takes the least and greatest time per key anyway, so a key on
    // several rows reads the same; the kept rows are merged again once they fill too many files
    Dataset<Row> none = spark.sql(
        "SELECT CAST(NULL AS STRING) AS cookie_id, CAST(NULL AS STRING) AS user_id, CAST(NULL AS STRING) AS confirmed_order_id,"
            + " CAST(NULL AS TIMESTAMP) AS first_seen_at, CAST(NULL AS TIMESTAMP) AS last_seen_at WHERE FALSE");
    boolean beside = kept != null && keptFiles.size() < Conform.MAX_STATE_FILES && Conform.sameColumns(kept, none);
    (kept == null || beside ? none : kept).createOrReplaceTempView("web_identity_hits_before");
    Dataset<Row> reduced = SilverSql.run(spark, WEB_EVIDENCE, Map.of());
    (beside ? writer.writeLinking(WEB_EVIDENCE, reduced, null, 0, keptFiles) : writer.write(WEB_EVIDENCE, reduced, null))
        .createOrReplaceTempView(WEB_EVIDENCE);
    Dataset<Row> edges = SilverSql.intermediate(spark, "identity_edges", Map.of()).localCheckpoint();
    edges.createOrReplaceTempView("identity_edges");
    ConnectedComponents.Result cc = components.run(edges);
    cc.labels().createOrReplaceTempView("identity_labels");
    SilverSql.intermediate(spark, "cookie_links", Map.of()).createOrReplaceTempView("cookie_links");
    Dataset<Row> identities = writer.write("identities", SilverSql.run(spark, "identities", Map.of()), null);
    identities.createOrReplaceTempView("identities");
    Row counts =
        spark.sql(
                "SELECT count(DISTINCT CASE WHEN identity_type <> 'cookie' THEN customer_id END) AS persons,"
                    + " count(CASE WHEN identity_type = 'cookie' AND customer_id IS NOT NULL THEN 1 END) AS cookies"
                    + " FROM identities")
            .first();
    return new Result(writer.rows().get("identities"), counts.getLong(0), counts.getLong(1), cc.rounds());
  }
}
