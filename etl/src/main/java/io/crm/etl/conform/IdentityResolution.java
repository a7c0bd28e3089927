package io.crm.etl.conform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
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
 * one record), found with {@link ConnectedComponents}; cookies are attached to the person of
 * their latest login or order confirmation. The rules are spelled out in
 * sql/intermediate/identity_edges.sql and cookie_links.sql, sql/silver/identities.sql and
 * web_identity_hits.sql.
 *
 * <p>Records and web evidence are only ever added to (an erasure refreshes conform in full), so
 * a night that knows the rows it added derives again only the identities they can change (see
 * sql/intermediate/identity_nodes_again.sql) and keeps the other rows of the last run's table:
 * deriving all of them from the whole state took about 100 s a night at a million customers.
 */
public final class IdentityResolution {
  /** The web traffic as identity resolution reads it, kept from night to night. */
  public static final String WEB_EVIDENCE = "web_identity_hits";
  /** The staged record views identity resolution reads. */
  public static final Set<String> RECORD_VIEWS = Set.of("stg_transactions", "stg_contacts", "stg_surveys");

  private static final List<String> COLUMNS =
      List.of("identity_type", "identity_value", "customer_id", "customer_key", "is_valid", "first_seen_at", "last_seen_at");

  private final SparkSession spark;
  private final SilverWriter writer;
  private final ConnectedComponents components;

  public IdentityResolution(SparkSession spark, SilverWriter writer, ConnectedComponents components) {
    this.spark = spark;
    this.writer = writer;
    this.components = components;
  }

  /**
   * identities: rows written; resolvedAgain: rows derived this run (all of them, unless only the
   * changes of the run's new records were); persons: distinct resolved customers; rounds:
   * propagation rounds; derivedAgain: the rows derived this run when not all were, else null;
   * then touchedPersons: the customer_id of each of those rows as it was and as it is, and
   * personChanged: those of them that are new or name another person (customer_id or
   * customer_key) than the row they replace.
   */
  public record Result(long identities, long resolvedAgain, long persons, long linkedCookies, int rounds,
      Dataset<Row> derivedAgain, Dataset<Row> touchedPersons, Dataset<Row> personChanged) {}

  /**
   * The staged records identity resolution reads ({@link #RECORD_VIEWS}, as registered), the rows
   * this run added to them (null: unknown, the run staged everything anew) and silver.identities
   * as the last run wrote it from the rest (null: none).
   */
  public record Records(Map<String, Dataset<Row>> staged, Map<String, Dataset<Row>> added, Dataset<Row> identitiesBefore) {
    public Records {
      if (!staged.keySet().equals(RECORD_VIEWS) || (added != null && !added.keySet().equals(RECORD_VIEWS))) {
        throw new IllegalArgumentException("records must be given for " + RECORD_VIEWS + ", were " + staged.keySet()
            + (added == null ? "" : " and " + added.keySet()));
      }
    }

    boolean incremental() {
      return added != null && identitiesBefore != null && List.of(identitiesBefore.columns()).containsAll(COLUMNS)
          && identitiesBefore.columns().length == COLUMNS.size();
    }
  }

  /**
   * @param hits session hits: all of silver.session_hits, or with {@code kept} the hits this run
   *     added or cut again
   * @param kept silver.web_identity_hits as the last run wrote it, to which {@code hits} add (as
   *     files of their own, or merged when the kept rows are spread over many files); null to
   *     reduce {@code hits} alone
   * @param records the staged records, and what this run added to them: with those and with
   *     {@code kept} extended rather than merged, only the identities the run's rows can change are
   *     derived again
   */
  public Result run(Dataset<Row> hits, Dataset<Row> kept, Records records) {
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
    boolean again = beside && records.incremental();
    if (again) {
      // the night's evidence is read twice more: for its edges and for its cookies
      reduced = reduced.localCheckpoint();
    }
    Dataset<Row> evidence = beside ? writer.writeLinking(WEB_EVIDENCE, reduced, null, 0, keptFiles) : writer.write(WEB_EVIDENCE, reduced, null);
    evidence.createOrReplaceTempView(WEB_EVIDENCE);

    Dataset<Row> identities;
    long resolvedAgain;
    int rounds;
    Dataset<Row> derivedAgain = null;
    Dataset<Row> touchedPersons = null;
    Dataset<Row> personChanged = null;
    if (again) {
      Changed changed = resolveAgain(records, reduced, evidence);
      resolvedAgain = changed.rows().count();
      rounds = changed.rounds();
      String[] columns = COLUMNS.toArray(String[]::new);
      String[] key = {"identity_type", "identity_value", "is_valid"};
      Dataset<Row> keys = broadcast(changed.rows().select("identity_type", "identity_value", "is_valid"));
      Dataset<Row> keptRows = records.identitiesBefore().join(keys, key, "left_anti").selectExpr(columns);
      identities = writer.write("identities", keptRows.union(changed.rows().selectExpr(columns)), null);
      derivedAgain = changed.rows();
      Dataset<Row> replaced = records.identitiesBefore().join(keys, key, "left_semi").localCheckpoint();
      touchedPersons = changed.rows().select("customer_id").union(replaced.select("customer_id"));
      Column samePerson = Stream.of("identity_type", "identity_value", "is_valid", "customer_id", "customer_key")
          .map(c -> col("now." + c).eqNullSafe(col("was." + c)))
          .reduce(Column::and)
          .orElseThrow();
      personChanged = changed.rows().as("now").join(replaced.as("was"), samePerson, "left_anti").select("now.*");
    } else {
      Dataset<Row> edges = SilverSql.intermediate(spark, "identity_edges", Map.of()).localCheckpoint();
      edges.createOrReplaceTempView("identity_edges");
      ConnectedComponents.Result cc = components.run(edges);
      cc.labels().createOrReplaceTempView("identity_labels");
      SilverSql.intermediate(spark, "cookie_links", Map.of()).createOrReplaceTempView("cookie_links");
      SilverSql.intermediate(spark, "invalid_email_records", Map.of()).createOrReplaceTempView("invalid_email_records");
      identities = writer.write("identities", SilverSql.run(spark, "identities", Map.of()), null);
      resolvedAgain = writer.rows().get("identities");
      rounds = cc.rounds();
    }
    identities.createOrReplaceTempView("identities");
    Row counts =
        spark.sql(
                "SELECT count(DISTINCT CASE WHEN identity_type <> 'cookie' THEN customer_id END) AS persons,"
                    + " count(CASE WHEN identity_type = 'cookie' AND customer_id IS NOT NULL THEN 1 END) AS cookies"
                    + " FROM identities")
            .first();
    return new Result(writer.rows().get("identities"), resolvedAgain, counts.getLong(0), counts.getLong(1), rounds,
        derivedAgain, touchedPersons, personChanged);
  }

  /** The rows of silver.identities a run derived again, and the rounds their graph took. */
  private record Changed(Dataset<Row> rows, int rounds) {}

  /**
   * The rows of silver.identities the run's new records and evidence can change, derived by
   * silver/identities.sql from views that hold only what those rows read; every other row of the
   * last run's table stays as it is. The staged views and the evidence view are as they were when
   * it returns.
   */
  private Changed resolveAgain(Records records, Dataset<Row> newEvidence, Dataset<Row> evidence) {
    records.identitiesBefore().createOrReplaceTempView("identities_before");
    newEvidence.createOrReplaceTempView("web_identity_hits_new");
    records.added().get("stg_transactions").createOrReplaceTempView("stg_transactions_new");
    // the new edges: the graph's model over the added records and the night's evidence alone
    Map<String, Dataset<Row>> added = new HashMap<>(records.added());
    added.put(WEB_EVIDENCE, newEvidence);
    SilverSql.withViews(spark, added, () -> SilverSql.intermediate(spark, "identity_edges", Map.of()))
        .localCheckpoint()
        .createOrReplaceTempView("identity_edges_new");

    SilverSql.intermediate(spark, "identity_nodes_before", Map.of()).createOrReplaceTempView("identity_nodes_before");
    Dataset<Row> graph = SilverSql.intermediate(spark, "identity_graph_delta", Map.of()).localCheckpoint();
    graph.createOrReplaceTempView("identity_graph_delta");
    ConnectedComponents.Result cc = components.run(graph);
    cc.labels().createOrReplaceTempView("identity_labels_delta");
    for (String model : List.of("identity_relabels", "identity_nodes_moved", "identity_orders_again")) {
      SilverSql.intermediate(spark, model, Map.of()).localCheckpoint().createOrReplaceTempView(model);
    }
    Dataset<Row> cookies = SilverSql.intermediate(spark, "identity_cookies_again", Map.of()).localCheckpoint();

    // all the evidence of those cookies, and the lines of the orders it confirms (an order's
    // node is the smallest of its lines')
    Dataset<Row> cookieEvidence = evidence.join(broadcast(cookies), "cookie_id").localCheckpoint();
    Dataset<Row> transactions = records.staged().get("stg_transactions");
    Dataset<Row> confirmed = cookieEvidence.select(col("confirmed_order_id").as("order_id")).where(col("order_id").isNotNull()).distinct();
    Dataset<Row> confirmedLines =
        transactions.join(broadcast(confirmed), transactions.col("order_id").equalTo(confirmed.col("order_id")), "left_semi");
    SilverSql.withViews(spark, Map.of(WEB_EVIDENCE, cookieEvidence, "stg_transactions", confirmedLines),
            () -> SilverSql.intermediate(spark, "cookie_links", Map.of()))
        .localCheckpoint()
        .createOrReplaceTempView("cookie_links");

    SilverSql.intermediate(spark, "invalid_email_records", Map.of()).localCheckpoint().createOrReplaceTempView("invalid_email_records");
    Dataset<Row> nodes = SilverSql.intermediate(spark, "identity_nodes_again", Map.of()).localCheckpoint();
    long unlabelled = nodes.where(col("label").isNull()).count();
    if (unlabelled > 0) {
      throw new IllegalStateException(unlabelled + " identity nodes read by this run are neither in silver.identities"
          + " nor among the run's new records; run conform with --full-refresh");
    }
    nodes.createOrReplaceTempView("identity_nodes_again");
    spark.sql("SELECT node, label FROM identity_nodes_again").createOrReplaceTempView("identity_labels");
    // a node's first and last time over all its edges: the new edges, and its own times before
    spark.sql("SELECT a, b, first_seen_at, last_seen_at FROM identity_edges_new"
            + " UNION ALL SELECT node, node, first_seen_at, last_seen_at FROM identity_nodes_again")
        .createOrReplaceTempView("identity_edges");
    // the cookies' times come from their evidence
    Dataset<Row> changed = SilverSql.withViews(spark, Map.of(WEB_EVIDENCE, cookieEvidence),
            () -> SilverSql.run(spark, "identities", Map.of()))
        .localCheckpoint();
    return new Changed(changed, cc.rounds());
  }
}
