package io.crm.etl.conform;

import io.crm.etl.source.SourceKind;
import io.crm.warehouse.KeyedHash;
import io.crm.warehouse.TableVersions;
import io.crm.warehouse.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The conform job: bronze -> silver. Reads every configured source from bronze (sources of one
 * kind unioned), stages them, resolves identities, then builds orders, contacts, survey answers,
 * sessions and customers, and stages all silver tables as new versions; the caller's commit of
 * the {@link Warehouse} makes them current together.
 *
 * <p>Only bronze files that arrived since the last run are staged (see {@link BronzeIncrement}).
 * Transactions, contacts and survey answers are kept in silver as staged (staged_transactions,
 * ...), the state each night adds its new rows to; web traffic's state is silver.session_hits.
 * Identity resolution is global: a late login or a late order can move old orders and sessions
 * to another person, so contacts, surveys and customers are derived again from the whole state
 * on every run, which reads Parquet but no longer parses or normalises history. Identities are
 * derived again only where the night's rows can change them, from the last run's table and a
 * reduced web evidence that a night extends with the hits it cut (see {@link IdentityResolution}).
 * Orders are built again only where a new line arrived or the person moved (see
 * {@link OrdersBuilder}). Web sessions, the largest part, are cut only for the
 * visitors with new hits (see {@link Sessionization}), and every session's person is resolved
 * again. Because silver holds the whole state, bronze older than the retention period can be
 * deleted without losing history.
 *
 * <p>Runs in its own Spark session (sharing the caller's SparkContext) so its temporary views and
 * its UTC session time zone do not leak into the caller's session.
 */
public final class Conform {
  /** Upper bound on label-propagation rounds (the longest chain of linked ids it can settle). */
  public static final int MAX_IDENTITY_ROUNDS = 100;
  /** Identity graphs up to this many edges (about a million customers) are solved on the driver. */
  public static final int IN_MEMORY_IDENTITY_EDGES = 3_000_000;

  /**
   * Files a staged state table may grow to, a night's new rows adding a file or two, before a run
   * writes it whole again (which also merges the small files of many nights).
   */
  static final int MAX_STATE_FILES = 200;

  /** Largest side of a join that conform broadcasts instead of shuffling the other side. */
  static final long BROADCAST_BYTES = 64L << 20;

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final ZoneId zone;
  private final Map<SourceKind, List<String>> sourcesByKind = new EnumMap<>(SourceKind.class);
  private long rowsPerFile = Sessionization.ROWS_PER_FILE;

  /**
   * @param sourceKinds source name -> its kind
   * @param customerKey the workspace's keyed hash: silver's {@code customer_key} is its value of
   *     the resolved customer_id, the only customer column analytics reads
   */
  public Conform(SparkSession spark, Warehouse warehouse, ZoneId zone, Map<String, SourceKind> sourceKinds,
      KeyedHash customerKey) {
    if (zone == null) {
      throw new IllegalArgumentException("business time zone is missing");
    }
    if (customerKey == null) {
      throw new IllegalArgumentException("the keyed hash of customer keys is missing");
    }
    this.spark = spark.newSession();
    this.spark.conf().set("spark.sql.session.timeZone", "UTC");
    // the per-night lookups (identities, a session's person: up to a few million short rows) are
    // joined with facts that are ten times larger; shipping the lookup to every task is cheaper
    // than shuffling the facts, which the default 10 MB threshold made Spark do from about
    // 100,000 customers
    this.spark.conf().set("spark.sql.autoBroadcastJoinThreshold", String.valueOf(BROADCAST_BYTES));
    this.spark.udf().register("customer_key", (UDF1<String, String>) customerKey::of, DataTypes.StringType);
    this.warehouse = warehouse;
    this.zone = zone;
    for (SourceKind k : SourceKind.values()) {
      sourcesByKind.put(k, new ArrayList<>());
    }
    for (Map.Entry<String, SourceKind> e : sourceKinds.entrySet()) {
      if (e.getKey() == null || !e.getKey().matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("source name '" + e.getKey() + "' is not a plain folder name");
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("source " + e.getKey() + " has no kind");
      }
      sourcesByKind.get(e.getValue()).add(e.getKey());
    }
  }

  /** Rows per file of the web tables; tests take few, to see a night link files it does not change. */
  Conform rowsPerFile(long rows) {
    this.rowsPerFile = rows;
    return this;
  }

  /** Conforms bronze as ingested up to and including {@code asOf} (null: everything). */
  public ConformResult run(LocalDate asOf) {
    return run(asOf, false, null, phase -> { });
  }

  /**
   * As {@link #run(LocalDate)}, telling {@code progress} each phase and its time as it ends. Only
   * the bronze files that arrived since the last run are staged and added to silver's state (see
   * {@link BronzeIncrement}); {@code fullRefresh} stages all of bronze again. Files of ingest
   * dates before {@code retainFrom} (null: none) are retired: their rows are kept in the state and
   * the files may then be deleted from bronze.
   */
  public ConformResult run(LocalDate asOf, boolean fullRefresh, LocalDate retainFrom, Consumer<String> progress) {
    Instant started = Instant.now();
    Laps lap = new Laps(started, progress);
    String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneId.of("UTC")).format(started)
        + "-" + UUID.randomUUID().toString().substring(0, 8);
    SilverWriter writer = new SilverWriter(spark, warehouse, runId);
    writer.removeStaleWork();

    BronzeReader reader = new BronzeReader(spark, warehouse, asOf);
    Map<String, Long> bronzeRows = new LinkedHashMap<>();
    // the transactions staged this run, when they were added to the stored state (null: staged anew)
    Dataset<Row> newTransactions = null;
    // the staged records identity resolution reads, and the rows this run added to them
    Map<String, Dataset<Row>> stagedRecords = new HashMap<>();
    Map<String, Dataset<Row>> addedRecords = new HashMap<>();
    try {
      BronzeIncrement records = BronzeIncrement.decide(spark, warehouse, reader, BronzeIncrement.RECORDS,
          kinds(SourceKind.TRANSACTIONS, SourceKind.CONTACTS, SourceKind.SURVEYS), fullRefresh);
      BronzeIncrement increment = BronzeIncrement.decide(spark, warehouse, reader, BronzeIncrement.WEB,
          kinds(SourceKind.WEB_LOGS, SourceKind.WEB_EVENTS), fullRefresh);
      if (records.changesNothing(retainFrom) && increment.changesNothing(retainFrom)) {
        // a rerun, a backfill of earlier days or a night without exports: silver would come out
        // as it is, and the full pass would cost as much as a night with new data
        progress.accept("nothing new in bronze since the last run");
        return ConformResult.nothingNew(asOf, Duration.between(started, Instant.now()));
      }
      progress.accept(describe("records", records));
      progress.accept(describe("sessions", increment));
      for (SourceKind kind : SourceKind.values()) {
        String view = Staging.model(kind);
        boolean web = kind == SourceKind.WEB_LOGS || kind == SourceKind.WEB_EVENTS;
        // staged once: the normalisation (regular expressions on every text column) then runs
        // once, and each model reads only the columns it needs
        Dataset<Row> fresh = Staging.stage(spark, kind, (web ? increment : records).newRows(kind));
        if (web) {
          Dataset<Row> staged = writer.writeWork(view, fresh);
          staged.createOrReplaceTempView(view);
          bronzeRows.put(kind.yamlName(), staged.count());
          continue;
        }
        // transactions, contacts and surveys are kept as staged: the state a night adds to
        String table = BronzeIncrement.stateTable(kind);
        Dataset<Row> kept = records.kept(spark, TableVersions.silver(spark, warehouse, table));
        List<String> keptFiles = SilverWriter.dataFiles(kept);
        Dataset<Row> staged;
        if (records.incremental() && kept != null && sameColumns(kept, fresh) && keptFiles.size() < MAX_STATE_FILES) {
          // a night's rows go to new files beside the stored ones, which are linked, not rewritten
          staged = writer.writeLinking(table, fresh, null, 0, keptFiles);
        } else {
          Dataset<Row> all = kept == null ? fresh : BronzeIncrement.shaped(kept, fresh).unionByName(fresh);
          staged = writer.write(table, all, null);
        }
        staged.createOrReplaceTempView(view);
        stagedRecords.put(view, staged);
        addedRecords.put(view, fresh);
        if (kind == SourceKind.TRANSACTIONS && records.incremental() && kept != null) {
          newTransactions = fresh;
        }
        bronzeRows.put(kind.yamlName(), writer.rows().get(table) - (kept == null ? 0 : kept.count()));
      }
      writer.write(BronzeIncrement.RECORDS.filesTable(), records.files(spark, retainFrom), null);
      Map<String, Long> unknownCountries = unknownCountries();
      lap.mark("stage");
      Sessionization sessions = new Sessionization(spark, writer, warehouse, zone, rowsPerFile);
      sessions.cutHits(increment);
      lap.mark("session hits");
      // the web evidence of identities grows by the hits this run cut, when every other stored hit
      // stays as it was; else it is reduced again from all of session_hits
      Dataset<Row> evidence = sessions.onlyAddedHits()
          ? TableVersions.silver(spark, warehouse, IdentityResolution.WEB_EVIDENCE)
          : null;
      // records are only added to, so the last run's identities hold everything but what this
      // run's rows change; a full refresh derives them all again
      IdentityResolution.Records identityRecords = new IdentityResolution.Records(stagedRecords,
          records.incremental() ? addedRecords : null,
          records.incremental() ? TableVersions.silver(spark, warehouse, "identities") : null);
      IdentityResolution.Result ids =
          new IdentityResolution(spark, writer, new ConnectedComponents(MAX_IDENTITY_ROUNDS, IN_MEMORY_IDENTITY_EDGES))
              .run(evidence == null ? sessions.allHits() : sessions.hitsCut(), evidence, identityRecords);
      lap.mark("identities");
      OrdersBuilder.Result orders = new OrdersBuilder(spark, writer, warehouse, zone, rowsPerFile).run(newTransactions);
      lap.mark("orders");
      // contacts and customers are derived again where the night's records, identities and
      // orders reach, when the identities were (else in full)
      ContactsBuilder.Result contacts = new ContactsBuilder(spark, writer).run(ids.derivedAgain() == null
          ? null
          : new ContactsBuilder.Increment(addedRecords.get("stg_contacts"), ids.personChanged(),
              TableVersions.silver(spark, warehouse, "contacts")));
      lap.mark("contacts");
      SurveysBuilder.Result surveys = new SurveysBuilder(spark, writer, zone).run();
      lap.mark("surveys");
      Sessionization.Result web = sessions.run(retainFrom);
      lap.mark("sessions");
      Dataset<Row> touchedPersons =
          ids.touchedPersons() == null || orders.touchedPersons() == null || contacts.touchedPersons() == null
              ? null
              : ids.touchedPersons().union(orders.touchedPersons()).union(contacts.touchedPersons());
      CustomersBuilder.Result customers = new CustomersBuilder(spark, writer)
          .run(touchedPersons, TableVersions.silver(spark, warehouse, "customers"));
      lap.mark("customers");
      writer.publish();
      lap.mark("publish");

      return new ConformResult(
          asOf,
          writer.rows(),
          bronzeRows,
          orders.duplicateLines(),
          orders.unresolvedOrders(),
          orders.anonymousOrders(),
          unknownCountries,
          surveys.unlinked(),
          web.logBotRequests(),
          web.eventBotEvents(),
          web.staticAssets(),
          ids.persons(),
          ids.linkedCookies(),
          ids.rounds(),
          evidence != null,
          ids.resolvedAgain(),
          increment.fullReason().orElse(null),
          web.recutVisitors(),
          orders.rebuiltOrders(),
          contacts.builtAgain(),
          customers.builtAgain(),
          lap.laps(),
          Duration.between(started, Instant.now()),
          false);
    } finally {
      writer.removeWork();
    }
  }

  /**
   * The silver tables a full refresh starts from for retired ingest dates, whose bronze may be
   * gone: whoever removes rows from silver (an erasure) must remove them here too.
   */
  public static java.util.Set<String> stateTables() {
    java.util.Set<String> out = new java.util.TreeSet<>(BronzeIncrement.RECORDS.stateTables());
    out.add(BronzeIncrement.WEB.stateTables().get(0));
    return out;
  }

  /**
   * Per source, the bronze files (relative to its table folder) the current silver has retired:
   * their rows are kept in silver's state, so retention may delete them.
   */
  public static Map<String, java.util.Set<String>> retiredFiles(SparkSession spark, Warehouse warehouse) {
    return BronzeIncrement.retiredFiles(spark, warehouse);
  }

  /**
   * Whether two tables have the same columns of the same types (stored files fit the new rows).
   * Nullability is not compared: Parquet files read back say that an array may hold nulls where
   * the query that wrote them knew it could not (customers' sort_array of collect_set).
   */
  static boolean sameColumns(Dataset<Row> a, Dataset<Row> b) {
    Map<String, String> types = new HashMap<>();
    for (StructField f : a.schema().fields()) {
      types.put(f.name(), f.dataType().catalogString());
    }
    StructField[] other = b.schema().fields();
    return other.length == types.size()
        && Arrays.stream(other).allMatch(f -> f.dataType().catalogString().equals(types.get(f.name())));
  }

  private Map<SourceKind, List<String>> kinds(SourceKind... kinds) {
    Map<SourceKind, List<String>> out = new EnumMap<>(SourceKind.class);
    for (SourceKind k : kinds) {
      out.put(k, sourcesByKind.get(k));
    }
    return out;
  }

  private static String describe(String group, BronzeIncrement increment) {
    return increment.incremental()
        ? group + ": incremental, " + increment.newFiles() + " new bronze file(s)"
        : group + ": full refresh (" + increment.fullReason().orElseThrow() + ")";
  }

  /** Country values staging could not map to an ISO code, with their rows, most frequent first. */
  private Map<String, Long> unknownCountries() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Row r : spark.sql(
            "SELECT country, count(*) AS n FROM ("
                + " SELECT country FROM stg_transactions WHERE is_country_unknown"
                + " UNION ALL SELECT country FROM stg_contacts WHERE is_country_unknown)"
                + " GROUP BY country ORDER BY n DESC, country")
        .collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Wall-clock time per phase of the run, for the run report and benchmarks. */
  private static final class Laps {
    private final Map<String, Duration> laps = new LinkedHashMap<>();
    private final Consumer<String> progress;
    private Instant last;

    Laps(Instant start, Consumer<String> progress) {
      this.last = start;
      this.progress = progress;
    }

    void mark(String phase) {
      Instant now = Instant.now();
      Duration lap = Duration.between(last, now);
      laps.put(phase, lap);
      last = now;
      progress.accept(String.format(Locale.ROOT, "%s done in %.1f s", phase, lap.toMillis() / 1000.0));
    }

    Map<String, Duration> laps() {
      return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(laps));
    }
  }
}
