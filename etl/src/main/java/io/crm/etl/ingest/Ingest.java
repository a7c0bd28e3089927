package io.crm.etl.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.crm.etl.bronze.BronzeSchema;
import io.crm.etl.source.SourceConfig;
import io.crm.etl.source.SourceKind;
import io.crm.warehouse.DataFiles;
import io.crm.warehouse.Warehouse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * The ingest step: landing files -> bronze, per source, on Spark. For each source it lists the
 * files, skips those already ingested (same path, size and SHA-256, unless forced), parses them
 * in parallel (one Spark task per file, {@link FileParser}) into a staging table of good and
 * rejected records, drops exact duplicates ({@link Deduplicator}), writes the new
 * `ingest_date=` partitions of bronze and quarantine to a scratch folder, writes the pending
 * ledger entry (the intent), renames the partitions into place ({@link PartitionPublisher}) and
 * makes the ledger entry final ({@link IngestLedger}). A run killed at any point is completed or
 * undone by the next one, so no row is lost or counted twice. Callers hold the workspace lock.
 */
public final class Ingest {
  private static final String SCRATCH_PREFIX = "ingest-";

  private final SparkSession spark;
  private final String home;
  private final Warehouse warehouse;
  private final LocalDate ingestDate;
  private final PublishHook hook;
  private final ErasedIdentities erased;
  private Broadcast<SerializableConfiguration> executorConf;

  /**
   * @param home the workspace folder or URI; relative source paths are resolved against it, and
   *     the ledger knows files by their path relative to it, so a moved workspace skips them still
   * @param ingestDate the partition this run writes (normally today)
   */
  public Ingest(SparkSession spark, String home, Warehouse warehouse, LocalDate ingestDate, PublishHook hook) {
    this(spark, home, warehouse, ingestDate, hook, ErasedIdentities.NONE);
  }

  /** @param erased people erased from the workspace: their records are dropped and counted as erased */
  public Ingest(
      SparkSession spark, String home, Warehouse warehouse, LocalDate ingestDate, PublishHook hook, ErasedIdentities erased) {
    this.spark = spark;
    this.home = home;
    this.warehouse = warehouse;
    this.ingestDate = ingestDate;
    this.hook = hook;
    this.erased = erased;
  }

  public IngestResult run(IngestRequest request) {
    return run(request, r -> { });
  }

  /** Runs the ingest and hands each source's result to {@code onSource} as soon as it is published. */
  public IngestResult run(IngestRequest request, Consumer<SourceResult> onSource) {
    Instant started = Instant.now();
    String runId =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started)
            + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    Path root = new Path(warehouse.root());
    FileSystem fs = fileSystem(root);
    PartitionPublisher publisher = new PartitionPublisher(fs);
    IngestLedger ledger = new IngestLedger(fs, new Path(warehouse.runs()), home);
    recover(fs, publisher, ledger, request);
    Path temp = new Path(warehouse.scratch(SCRATCH_PREFIX + runId));
    List<SourceResult> results = new ArrayList<>();
    for (SourceConfig source : request.sources()) {
      Path sourceTemp = new Path(temp, source.name());
      Staged staged = request.reprocessQuarantine()
          ? reprocess(source, runId, started, fs, sourceTemp)
          : ingest(source, request.force(), runId, started, fs, ledger, sourceTemp);
      SourceResult r = staged.result();
      if (r.filesRead() > 0) {
        // the pending entry is the intent: once it exists, a killed run is completed by the next one
        ledger.writeIntent(runId, ingestDate, started, r, staged.swaps(), root);
        hook.at(source.name(), "intent");
        int k = 0;
        for (Path[] swap : staged.swaps()) {
          publisher.publish(swap[0], swap[1], runId);
          hook.at(source.name(), "swap " + ++k);
        }
        ledger.complete(runId, source.name());
        hook.at(source.name(), "recorded");
      }
      delete(fs, sourceTemp);
      results.add(r);
      onSource.accept(r);
    }
    warehouse.removeScratch(SCRATCH_PREFIX + runId);
    return new IngestResult(runId, ingestDate, List.copyOf(results));
  }

  /**
   * Finishes what killed runs left: completes every publish whose intent was written (the swaps
   * are redone from the scratch folder, the ledger entry made final), puts back partitions moved
   * aside without an intent, and deletes scratch folders of runs that never reached their intent
   * (their files were not recorded, so this run reads them again).
   */
  private void recover(FileSystem fs, PartitionPublisher publisher, IngestLedger ledger, IngestRequest request) {
    for (IngestLedger.Intent intent : ledger.pendingIntents()) {
      for (String[] swap : intent.swaps()) {
        publisher.rollForward(new Path(root(), swap[0]), new Path(root(), swap[1]), intent.runId());
      }
      ledger.complete(intent.runId(), intent.source());
    }
    for (SourceConfig source : request.sources()) {
      publisher.recover(new Path(warehouse.bronze(source.name())));
      publisher.recover(new Path(warehouse.quarantine(source.name())));
    }
    try {
      Path scratch = new Path(warehouse.scratchRoot());
      if (fs.exists(scratch)) {
        for (FileStatus s : fs.listStatus(scratch)) {
          if (s.getPath().getName().startsWith(SCRATCH_PREFIX)) {
            fs.delete(s.getPath(), true);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cleaning " + warehouse.scratchRoot() + " failed", e);
    }
  }

  private Path root() {
    return new Path(warehouse.root());
  }

  /** A source's counts and the partitions written to scratch, ready to be swapped in. */
  private record Staged(SourceResult result, List<Path[]> swaps) {}

  private Staged ingest(
      SourceConfig source, boolean force, String runId, Instant started, FileSystem fs, IngestLedger ledger, Path temp) {
    long t0 = System.nanoTime();
    List<String> notes = new ArrayList<>();
    List<SourceResult.RefusedFile> refused = new ArrayList<>();
    List<FileStatus> matched = list(source, refused);
    IngestLedger.Ingested done = force ? IngestLedger.Ingested.NONE : ledger.ingested(source.name());
    // a file the ledger knows with the same path, size and modification time is not read again
    // to hash it: the night's cost must not grow with the landing files of every earlier night
    List<FileStatus> unknown = new ArrayList<>();
    for (FileStatus s : matched) {
      if (!done.unchanged(ledger.relative(s.getPath().toString()), s.getLen(), s.getModificationTime())) {
        unknown.add(s);
      }
    }
    Map<String, String> hashes = sha256(unknown);
    List<FileStatus> todo = new ArrayList<>();
    for (FileStatus s : unknown) {
      String p = s.getPath().toString();
      if (!done.fingerprints().contains(ledger.fingerprint(p, s.getLen(), hashes.get(p)))) {
        todo.add(s);
      }
    }
    int skipped = matched.size() - todo.size();
    for (Map.Entry<String, String> p : problems(source, todo).entrySet()) {
      refused.add(new SourceResult.RefusedFile(p.getKey(), p.getValue()));
      todo.removeIf(s -> s.getPath().toString().equals(p.getKey()));
    }
    if (todo.isEmpty()) {
      return new Staged(
          new SourceResult(source.name(), 0, 0, 0, 0, 0, 0, Map.of(), List.of(), skipped, notes, seconds(t0), refused), List.of());
    }
    if (source.hasSqlRules()) {
      SqlDeriveRules.check(spark, source);
    }
    Path bronzeTable = new Path(warehouse.bronze(source.name()));
    Path quarantineTable = new Path(warehouse.quarantine(source.name()));
    Function<Dataset<Row>, Dataset<Row>> existing =
        staged -> boundedKeys(fs, bronzeTable, source, staged).unionByName(keys(fs, quarantineTable));
    return stage(source, todo, hashes, existing, Set.of(), runId, started, fs, temp, t0, skipped, notes, refused);
  }

  /**
   * The keys of the bronze rows that can be duplicates of {@code staged}: a copy of a record has
   * the same bytes and so the same timestamp, so only rows whose timestamp lies in the range of
   * the new records go into the duplicate search, read from the files that can hold such times
   * ({@link DuplicateScope}): its reads, sort and shuffle grow with the night, not with history.
   * Sources without a timestamp field (contacts) are taken whole; they are small.
   */
  private Dataset<Row> boundedKeys(FileSystem fs, Path table, SourceConfig source, Dataset<Row> staged) {
    String ts = source.kind().timestampField().orElse(null);
    if (ts == null) {
      return keys(fs, table);
    }
    if (!hasParquet(fs, table)) {
      return noKeys();
    }
    Row range = staged.where(col(BronzeSchema.REASON).isNull())
        .agg(unix_micros(min(ts)), unix_micros(max(ts)), sum(when(col(ts).isNull(), 1L).otherwise(0L)))
        .first();
    if (range.isNullAt(0)) {
      return noKeys(); // nothing parsed: no new row can equal one in bronze
    }
    long from = range.getLong(0);
    long to = range.getLong(1);
    Column inRange = col(ts).geq(timestamp_micros(lit(from))).and(col(ts).leq(timestamp_micros(lit(to))));
    if (!range.isNullAt(2) && range.getLong(2) > 0) {
      // a record without a time can equal a stored one without a time, in any file
      return spark.read().parquet(table.toString()).where(inRange.or(col(ts).isNull())).select(BronzeSchema.ROW_HASH, BronzeSchema.FILE);
    }
    List<String> files = new DuplicateScope(spark, fs, ts).files(table, from, to);
    if (files.isEmpty()) {
      return noKeys();
    }
    StructType read = new StructType()
        .add(ts, DataTypes.TimestampType)
        .add(BronzeSchema.ROW_HASH, DataTypes.StringType)
        .add(BronzeSchema.FILE, DataTypes.StringType);
    return spark.read().schema(read).parquet(files.toArray(String[]::new)).where(inRange).select(BronzeSchema.ROW_HASH, BronzeSchema.FILE);
  }

  /**
   * Reads again the files that the source's quarantined rows came from: lines already in bronze
   * are duplicates, lines that parse now are loaded, the rest go back to quarantine, and the old
   * quarantine rows of those files are removed in the same publish. Files no longer in landing
   * keep their quarantined rows, noted.
   */
  private Staged reprocess(SourceConfig source, String runId, Instant started, FileSystem fs, Path temp) {
    long t0 = System.nanoTime();
    List<String> notes = new ArrayList<>();
    Path bronzeTable = new Path(warehouse.bronze(source.name()));
    Path quarantineTable = new Path(warehouse.quarantine(source.name()));
    if (!hasParquet(fs, quarantineTable)) {
      return new Staged(new SourceResult(source.name(), 0, 0, 0, 0, 0, 0, Map.of(), List.of(), 0, List.of("nothing in quarantine"),
          seconds(t0), List.of()), List.of());
    }
    Dataset<Row> quarantined = spark.read().parquet(quarantineTable.toString());
    List<FileStatus> todo = new ArrayList<>();
    for (Row r : quarantined.groupBy(BronzeSchema.FILE).count().orderBy(BronzeSchema.FILE).collectAsList()) {
      Path file = new Path(r.getString(0));
      try {
        todo.add(fs.getFileStatus(file));
      } catch (FileNotFoundException e) {
        notes.add(String.format(Locale.ROOT, "%s is no longer in landing: its %,d quarantined rows stay", file, r.getLong(1)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    List<SourceResult.RefusedFile> refused = new ArrayList<>();
    for (Map.Entry<String, String> p : problems(source, todo).entrySet()) {
      refused.add(new SourceResult.RefusedFile(p.getKey(), p.getValue()));
      todo.removeIf(s -> s.getPath().toString().equals(p.getKey()));
    }
    if (todo.isEmpty()) {
      return new Staged(new SourceResult(source.name(), 0, 0, 0, 0, 0, 0, Map.of(), List.of(), 0, notes, seconds(t0), refused), List.of());
    }
    Set<String> files = new TreeSet<>();
    todo.forEach(f -> files.add(f.getPath().toString()));
    Dataset<Row> otherQuarantine =
        quarantined.where(col(BronzeSchema.FILE).isin(files.toArray()).unary_$bang()).select(BronzeSchema.ROW_HASH, BronzeSchema.FILE);
    return stage(source, todo, sha256(todo), staged -> keys(fs, bronzeTable).unionByName(otherQuarantine), files, runId,
        started, fs, temp, t0, 0, notes, refused);
  }

  /**
   * Parses {@code todo}, drops duplicates of {@code existing} and of each other, counts, and
   * writes the new bronze and quarantine partitions to scratch. Rows of {@code replacedFiles} are
   * left out of the quarantine partition the new one is built on (a reprocessing moves them).
   */
  private Staged stage(
      SourceConfig source, List<FileStatus> todo, Map<String, String> hashes, Function<Dataset<Row>, Dataset<Row>> existing,
      Set<String> replacedFiles, String runId, Instant started, FileSystem fs, Path temp, long t0, int skipped,
      List<String> notes, List<SourceResult.RefusedFile> refused) {
    Path bronzeTable = new Path(warehouse.bronze(source.name()));
    Path quarantineTable = new Path(warehouse.quarantine(source.name()));
    // 1. parse, one task per file, into a staging table
    List<String> paths = todo.stream().map(s -> s.getPath().toString()).toList();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf = executorConf();
    JavaRDD<Row> rows = jsc.parallelize(paths, paths.size()).flatMap(f -> new FileParser(source, f, conf.value().value()));
    Path stagedPath = new Path(temp, "staged");
    spark.createDataFrame(rows, BronzeSchema.parsed(source)).write().parquet(stagedPath.toString());
    Dataset<Row> staged = spark.read().parquet(stagedPath.toString());
    if (source.hasSqlRules()) {
      staged = SqlDeriveRules.apply(staged, source);
    }
    // 1b. records of erased people go before anything can keep them (bronze, quarantine, the duplicate search)
    Map<String, Long> erasedByFile = new LinkedHashMap<>();
    if (!erased.isEmpty()) {
      FilterFunction<Row> isErased = erasedTest(staged.schema());
      for (Row r : staged.filter(isErased).groupBy(BronzeSchema.FILE).count().collectAsList()) {
        erasedByFile.put(r.getString(0), r.getLong(1));
      }
      if (!erasedByFile.isEmpty()) {
        staged = staged.filter((FilterFunction<Row>) row -> !isErased.call(row));
      }
    }

    // 2. find exact duplicates against bronze, quarantine and earlier files of this run
    Path duplicatesPath = new Path(temp, "duplicates");
    new Deduplicator().duplicates(staged, existing.apply(staged)).write().parquet(duplicatesPath.toString());
    Dataset<Row> dups = spark.read().parquet(duplicatesPath.toString());
    String[] recordKey = {BronzeSchema.FILE, BronzeSchema.LINE};
    Dataset<Row> kept = staged.join(dups.select(BronzeSchema.FILE, BronzeSchema.LINE), toSeq(recordKey), "left_anti");

    // 3. count per file and reason
    Column good = col(BronzeSchema.REASON).isNull();
    Map<String, long[]> byFile = new LinkedHashMap<>();
    // with the counts, the time range of the good records: the bronze files written below hold no time outside it
    String ts = source.kind().timestampField().orElse(null);
    Column least = ts == null ? lit(null).cast("long") : unix_micros(min(when(good, col(ts))));
    Column greatest = ts == null ? lit(null).cast("long") : unix_micros(max(when(good, col(ts))));
    long[] loadedTimes = null;
    for (Row r :
        staged.groupBy(BronzeSchema.FILE).agg(count(lit(1)), sum(when(good, 1L).otherwise(0L)), least, greatest).collectAsList()) {
      byFile.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2), 0, 0});
      if (!r.isNullAt(3)) {
        loadedTimes = loadedTimes == null
            ? new long[] {r.getLong(3), r.getLong(4)}
            : new long[] {Math.min(loadedTimes[0], r.getLong(3)), Math.max(loadedTimes[1], r.getLong(4))};
      }
    }
    for (Row r :
        dups.groupBy(BronzeSchema.FILE).agg(count(lit(1)), sum(when(col("_good"), 1L).otherwise(0L))).collectAsList()) {
      long[] c = byFile.get(r.getString(0));
      c[2] = r.getLong(1);
      c[3] = r.getLong(2);
    }
    List<SourceResult.FileResult> files = new ArrayList<>();
    long read = 0, loaded = 0, quarantined = 0, duplicates = 0, erasedRows = 0;
    for (FileStatus s : todo) {
      String p = s.getPath().toString();
      long[] c = byFile.getOrDefault(p, new long[4]); // read, good, duplicates, duplicates that parsed
      long fileErased = erasedByFile.getOrDefault(p, 0L);
      long fileLoaded = c[1] - c[3];
      long fileQuarantined = (c[0] - c[1]) - (c[2] - c[3]);
      files.add(new SourceResult.FileResult(
          p, s.getLen(), s.getModificationTime(), hashes.get(p), c[0] + fileErased, fileLoaded, fileQuarantined, c[2], fileErased));
      read += c[0] + fileErased;
      loaded += fileLoaded;
      quarantined += fileQuarantined;
      duplicates += c[2];
      erasedRows += fileErased;
    }
    long anonymous = 0;
    if (loaded > 0 && source.kind() == SourceKind.TRANSACTIONS) {
      anonymous = kept.where(good.and(col("customer_id").isNull()).and(col("email").isNull())).count();
    }
    Map<String, Long> byReason = new LinkedHashMap<>();
    if (quarantined > 0) {
      for (Row r : kept.where(good.unary_$bang()).groupBy(BronzeSchema.REASON).count().orderBy(BronzeSchema.REASON).collectAsList()) {
        byReason.put(r.getString(0), r.getLong(1));
      }
    }
    for (Row r :
        staged
            .where(col(BronzeSchema.REASON).equalTo(ReasonCode.TRUNCATED_FILE.code()))
            .select(BronzeSchema.FILE, BronzeSchema.DETAIL)
            .orderBy(BronzeSchema.FILE)
            .collectAsList()) {
      notes.add(r.getString(0) + ": truncated, loaded what was readable; " + r.getString(1));
    }

    // 4. write the new partitions next to the old ones, then swap them in
    Timestamp ingestedAt = Timestamp.from(started);
    String partition = BronzeSchema.PARTITION + "=" + ingestDate;
    List<Path[]> swaps = new ArrayList<>();
    if (loaded > 0) {
      StructType schema = BronzeSchema.bronze(source);
      Dataset<Row> fresh =
          kept.where(good).withColumn(BronzeSchema.INGESTED_AT, lit(ingestedAt)).select(columns(schema));
      Path staging = new Path(temp, "bronze/" + partition);
      fresh.write().parquet(staging.toString());
      copyFiles(fs, new Path(bronzeTable, partition), staging);
      if (ts != null) {
        new DuplicateScope(spark, fs, ts).record(staging, new Path(bronzeTable, partition), loadedTimes);
      }
      swaps.add(new Path[] {staging, new Path(bronzeTable, partition)});
    }
    if (quarantined > 0 || !replacedFiles.isEmpty()) {
      StructType schema = BronzeSchema.quarantine();
      Dataset<Row> fresh =
          kept
              .where(good.unary_$bang())
              .withColumn(BronzeSchema.INGESTED_AT, lit(ingestedAt))
              .withColumnRenamed(BronzeSchema.REASON, "reason")
              .withColumnRenamed(BronzeSchema.DETAIL, "detail")
              .withColumnRenamed(BronzeSchema.RAW_TEXT, "raw_text")
              .select(columns(schema));
      Path staging = new Path(temp, "quarantine/" + partition);
      withOldPartition(fs, new Path(quarantineTable, partition), fresh, schema, replacedFiles).write().parquet(staging.toString());
      swaps.add(new Path[] {staging, new Path(quarantineTable, partition)});
    }
    swaps.addAll(withoutFiles(fs, quarantineTable, replacedFiles, partition, temp));
    for (Path[] s : swaps) {
      PartitionPublisher.mark(fs, s[0], runId);
    }
    hook.at(source.name(), "staged");
    return new Staged(
        new SourceResult(source.name(), read, loaded, quarantined, duplicates, erasedRows, anonymous, byReason, files, skipped, notes,
            seconds(t0), refused),
        swaps);
  }

  /**
   * Whether a parsed record belongs to an erased person: a good record by its identity columns, a
   * rejected one also by the fields of its original text and reason detail.
   */
  private FilterFunction<Row> erasedTest(StructType schema) {
    List<Integer> idColumns = new ArrayList<>();
    for (String c : schema.fieldNames()) {
      if (ErasedIdentities.IDENTITY_COLUMNS.contains(c) && schema.apply(c).dataType() instanceof StringType) {
        idColumns.add(schema.fieldIndex(c));
      }
    }
    int reason = schema.fieldIndex(BronzeSchema.REASON);
    int raw = schema.fieldIndex(BronzeSchema.RAW_TEXT);
    int detail = schema.fieldIndex(BronzeSchema.DETAIL);
    ErasedIdentities people = erased;
    return row -> {
      for (int i : idColumns) {
        if (!row.isNullAt(i) && people.matches(row.getString(i))) {
          return true;
        }
      }
      return !row.isNullAt(reason)
          && ((!row.isNullAt(raw) && people.matchesText(row.getString(raw)))
              || (!row.isNullAt(detail) && people.matchesText(row.getString(detail))));
    };
  }

  /** The partition's current rows (if any, less those of {@code dropFiles}) plus the new ones, in the table's column order. */
  /**
   * Copies the Parquet files of a live bronze partition, names and bytes unchanged, into its new
   * version: a second load into the same ingest date adds files instead of rewriting the old
   * rows, so conform still recognises the files it consumed and stays incremental.
   */
  private static void copyFiles(FileSystem fs, Path live, Path staging) {
    try {
      if (!fs.isDirectory(live)) {
        return;
      }
      for (FileStatus f : fs.listStatus(live)) {
        String name = f.getPath().getName();
        if (f.isFile() && name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".")) {
          Path target = new Path(staging, name);
          if (fs.exists(target)) {
            throw new IOException("a new bronze file has the name of an old one: " + target);
          }
          org.apache.hadoop.fs.FileUtil.copy(fs, f.getPath(), fs, target, false, fs.getConf());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("copying the bronze partition " + live + " failed", e);
    }
  }

  private Dataset<Row> withOldPartition(FileSystem fs, Path live, Dataset<Row> fresh, StructType schema, Set<String> dropFiles) {
    if (!hasParquet(fs, live)) {
      return fresh;
    }
    Dataset<Row> old = spark.read().parquet(live.toString());
    if (!dropFiles.isEmpty()) {
      old = old.where(col(BronzeSchema.FILE).isin(dropFiles.toArray()).unary_$bang());
    }
    return old.unionByName(fresh, true).select(columns(schema));
  }

  /**
   * New versions, in scratch, of the quarantine partitions other than {@code except} that hold
   * rows of {@code files}, without those rows; as swaps onto the live partitions.
   */
  private List<Path[]> withoutFiles(FileSystem fs, Path quarantineTable, Set<String> files, String except, Path temp) {
    List<Path[]> swaps = new ArrayList<>();
    if (files.isEmpty() || !hasParquet(fs, quarantineTable)) {
      return swaps;
    }
    try {
      for (FileStatus dir : fs.listStatus(quarantineTable)) {
        String name = dir.getPath().getName();
        if (!dir.isDirectory() || !name.startsWith(BronzeSchema.PARTITION + "=") || name.equals(except)
            || !hasParquet(fs, dir.getPath())) {
          continue;
        }
        Dataset<Row> rows = spark.read().parquet(dir.getPath().toString());
        if (rows.where(col(BronzeSchema.FILE).isin(files.toArray())).isEmpty()) {
          continue;
        }
        Path staging = new Path(temp, "quarantine/" + name);
        rows.where(col(BronzeSchema.FILE).isin(files.toArray()).unary_$bang()).write().parquet(staging.toString());
        swaps.add(new Path[] {staging, dir.getPath()});
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + quarantineTable + " failed", e);
    }
    return swaps;
  }

  /** _row_hash and _file of a table's rows, or an empty table. */
  private Dataset<Row> keys(FileSystem fs, Path table) {
    if (!hasParquet(fs, table)) {
      return noKeys();
    }
    return spark.read().parquet(table.toString()).select(BronzeSchema.ROW_HASH, BronzeSchema.FILE);
  }

  /** No keys, without reading a table (whose schema Spark would take from its files' footers). */
  private Dataset<Row> noKeys() {
    return spark.emptyDataFrame().select(lit("").as(BronzeSchema.ROW_HASH), lit("").as(BronzeSchema.FILE)).limit(0);
  }

  private static boolean hasParquet(FileSystem fs, Path dir) {
    try {
      return DataFiles.exist(fs, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir + " failed", e);
    }
  }

  private static scala.collection.immutable.Seq<String> toSeq(String[] names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(names)).toList();
  }

  private static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(n -> col(n).cast(schema.apply(n).dataType()).as(n)).toArray(Column[]::new);
  }

  /** The files a source's glob matches, sorted by path; a glob that matches nothing is refused. */
  private List<FileStatus> list(SourceConfig source, List<SourceResult.RefusedFile> refused) {
    Path glob = resolve(source.path());
    try {
      FileStatus[] found = fileSystem(glob).globStatus(glob);
      List<FileStatus> files = new ArrayList<>();
      if (found != null) {
        for (FileStatus s : found) {
          if (s.isFile()) {
            files.add(s);
          }
        }
      }
      files.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
      if (files.isEmpty()) {
        refused.add(new SourceResult.RefusedFile(glob.toString(), SourceResult.NO_FILE));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + glob + " failed", e);
    }
  }

  private Path resolve(String path) {
    URI uri = new Path(path).toUri();
    if (uri.getScheme() != null || path.startsWith("/")) {
      return new Path(path);
    }
    return new Path(new Path(home), path);
  }

  /** The files to refuse as a whole ({@link FileCheck}), looked at in parallel (one task per file). */
  private Map<String, String> problems(SourceConfig source, List<FileStatus> files) {
    Map<String, String> out = new LinkedHashMap<>();
    if (files.isEmpty()) {
      return out;
    }
    List<String> paths = files.stream().map(s -> s.getPath().toString()).toList();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf = executorConf();
    for (Tuple2<String, String> t : jsc.parallelize(paths, paths.size())
        .mapToPair(p -> new Tuple2<>(p, FileCheck.problem(source, p, conf.value().value()).orElse("")))
        .filter(t -> !t._2().isEmpty())
        .collect()) {
      out.put(t._1(), t._2());
    }
    return out;
  }

  /** SHA-256 of each file's bytes, computed in parallel (one task per file). */
  private Map<String, String> sha256(List<FileStatus> files) {
    Map<String, String> out = new LinkedHashMap<>();
    if (files.isEmpty()) {
      return out;
    }
    List<String> paths = files.stream().map(s -> s.getPath().toString()).toList();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf = executorConf();
    for (Tuple2<String, String> t : jsc.parallelize(paths, paths.size())
        .mapToPair(p -> new Tuple2<>(p, hashFile(p, conf.value().value())))
        .collect()) {
      out.put(t._1(), t._2());
    }
    return out;
  }

  static String hashFile(String file, Configuration conf) throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Path p = new Path(file);
    byte[] buf = new byte[1 << 16];
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * The session's Hadoop settings for the tasks that open landing files, sent once per run: they
   * carry what {@code spark.hadoop.*} configures (credentials, the local file system class), and
   * a {@code new Configuration()} per file would parse Hadoop's default XML files every time.
   */
  private Broadcast<SerializableConfiguration> executorConf() {
    if (executorConf == null) {
      executorConf = SerializableConfiguration.broadcast(spark.sparkContext(), spark.sparkContext().hadoopConfiguration());
    }
    return executorConf;
  }

  private FileSystem fileSystem(Path p) {
    try {
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("no file system for " + p, e);
    }
  }

  private static void delete(FileSystem fs, Path p) {
    try {
      fs.delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("removing " + p + " failed", e);
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
