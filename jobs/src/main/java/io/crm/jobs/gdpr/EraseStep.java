package io.crm.jobs.gdpr;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;

import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.pipeline.Step;
import io.crm.jobs.pipeline.StepResult;
import io.crm.warehouse.KeyedHash;
import io.crm.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Removes one person's rows from every table of the warehouse, whatever the table: a row goes
 * when one of its identity columns holds one of the person's identifiers (or, for customer_key,
 * its keyed hash), and a quarantined line when its original text or reason names one of them.
 * Bronze and quarantine partitions are rewritten in place (the way ingest publishes them); silver
 * tables and every gold snapshot of every as_of date get filtered versions, staged for the
 * pipeline's commit. Silver tables that conform writes are only counted here: conform rebuilds
 * them from the filtered bronze right after, so every aggregate of the current night reconciles.
 */
public final class EraseStep implements Step {
  /** Columns that can name a person in any table; customer_key holds the keyed hash of a customer id. */
  static final List<String> IDENTITY_COLUMNS =
      List.of("customer_id", "customer_key", "source_customer_id", "user_id", "email", "cookie_id", "anonymous_id");
  /** Free-text columns of quarantine: a rejected line's original text and the reason's detail. */
  static final List<String> TEXT_COLUMNS = List.of("raw_text", "detail");

  private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
  private static final String ASIDE = "_old.";

  private final JobContext ctx;
  private final Subject subject;
  private final KeyedHash hash;
  private final Set<String> rebuiltSilver;

  /**
   * @param hash the workspace's keyed hash, for the person's customer keys
   * @param rebuiltSilver silver tables a later step of the same run rebuilds from bronze
   */
  public EraseStep(JobContext ctx, Subject subject, KeyedHash hash, Set<String> rebuiltSilver) {
    this.ctx = ctx;
    this.subject = subject;
    this.hash = hash;
    this.rebuiltSilver = Set.copyOf(rebuiltSilver);
  }

  @Override
  public String name() {
    return "gdpr erase";
  }

  @Override
  public List<String> inputs() {
    return List.of("bronze/*", "quarantine/*", "silver/*", "gold/*");
  }

  @Override
  public List<String> outputs() {
    return List.of("bronze/*", "quarantine/*", "silver/*", "gold/*");
  }

  @Override
  public boolean dated() {
    return false;
  }

  /** Metrics key of the rows removed per table ("bronze.shop", "gold.segments@2024-04-29", ...). */
  public static final String ROWS_REMOVED = "rows_removed";

  @Override
  public StepResult run(Warehouse warehouse, LocalDate asOf) {
    Set<String> values = new LinkedHashSet<>();
    subject.customerIds().forEach(id -> {
      values.add(id.strip().toLowerCase(Locale.ROOT));
      values.add(hash.of(id.strip()));
    });
    subject.emails().forEach(e -> values.add(e.strip().toLowerCase(Locale.ROOT)));
    subject.cookies().forEach(c -> values.add(c.strip().toLowerCase(Locale.ROOT)));
    List<String> needles = subject.needles().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    String runId = "erase-" + RUN_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Long> removed = new TreeMap<>();
    long scanned = 0;
    try {
      FileSystem fs = new Path(warehouse.root()).getFileSystem(warehouse.hadoopConf());
      for (String layer : List.of("bronze", "quarantine")) {
        String layerRoot = layer.equals("bronze") ? warehouse.bronze() : warehouse.quarantine();
        for (Path table : folders(fs, new Path(layerRoot), "")) {
          for (Path partition : folders(fs, table, "=")) {
            Dataset<Row> rows = ctx.spark().read().parquet(partition.toString());
            Column match = matches(rows.schema(), values, needles);
            if (match == null) {
              continue;
            }
            scanned++;
            long n = rows.where(match).count();
            if (n > 0) {
              rewritePartition(fs, warehouse, runId, layer, table, partition, rows.where(not(match)));
              removed.merge(layer + "." + table.getName(), n, Long::sum);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("erasing from bronze and quarantine under " + warehouse.root() + " failed", e);
    } finally {
      warehouse.removeScratch(runId);
    }
    for (String table : warehouse.silverTables()) {
      // a table the rebuild rewrites is only counted here; the rebuild leaves the person out
      boolean rewrite = !rebuiltSilver.contains(table);
      long n = filter(warehouse, warehouse.silver(table).orElseThrow(), values, needles, rewrite,
          () -> warehouse.newSilverVersion(table), next -> warehouse.stageSilver(table, next));
      if (n > 0) {
        removed.put("silver." + table, n);
      }
    }
    for (String table : warehouse.goldTables()) {
      for (LocalDate day : warehouse.goldDates(table)) {
        long n = filter(warehouse, warehouse.gold(table, day).orElseThrow(), values, needles, true,
            () -> warehouse.newGoldVersion(table, day), next -> warehouse.stageGold(table, day, next));
        if (n > 0) {
          removed.put("gold." + table + "@" + day, n);
        }
      }
    }
    long total = removed.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put(ROWS_REMOVED, removed);
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "gdpr erase: %,d rows removed from %d tables%n",
        total, removed.size()));
    removed.forEach((t, n) -> text.append(String.format(Locale.ROOT, "  %-40s %,10d%n", t, n)));
    return new StepResult(text.toString(), scanned, total, 0, metrics);
  }

  /**
   * Counts the rows of the table version at {@code path} that name the person and, with
   * {@code rewrite}, writes the others as a new version and stages it; 0 for a table without files.
   */
  private long filter(Warehouse warehouse, String path, Set<String> values, List<String> needles, boolean rewrite,
      Supplier<String> newVersion, Consumer<String> stage) {
    if (!hasParquet(warehouse, path)) {
      return 0;
    }
    Dataset<Row> rows = ctx.spark().read().parquet(path);
    Column match = matches(rows.schema(), values, needles);
    long n = match == null ? 0 : rows.where(match).count();
    if (n > 0 && rewrite) {
      String next = newVersion.get();
      rows.where(not(match)).write().parquet(next);
      stage.accept(next);
    }
    return n;
  }

  /**
   * The condition a row of the person meets, never null for a row (a row without any identity
   * is not theirs); null when the table has no column that could name anyone.
   */
  static Column matches(StructType schema, Set<String> values, List<String> needles) {
    List<Column> any = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (!(f.dataType() instanceof StringType)) {
        continue;
      }
      if (IDENTITY_COLUMNS.contains(f.name()) && !values.isEmpty()) {
        any.add(lower(trim(col(f.name()))).isin(values.toArray()));
      }
      if (TEXT_COLUMNS.contains(f.name())) {
        for (String needle : needles) {
          any.add(lower(col(f.name())).contains(needle));
        }
      }
    }
    if (any.isEmpty()) {
      return null;
    }
    Column c = any.get(0);
    for (int i = 1; i < any.size(); i++) {
      c = c.or(any.get(i));
    }
    return coalesce(c, lit(false));
  }

  /**
   * Replaces a bronze or quarantine partition by its remaining rows as ingest publishes one: the
   * live folder goes aside under ingest's aside prefix and the new one is renamed in. A run killed
   * in between leaves the old partition for ingest's recovery to put back, so nothing is lost and
   * the erasure is simply run again.
   */
  private void rewritePartition(FileSystem fs, Warehouse warehouse, String runId, String layer, Path table, Path live,
      Dataset<Row> remaining) throws IOException {
    Path aside = new Path(table, ASIDE + runId + "." + live.getName());
    if (remaining.isEmpty()) {
      if (!fs.rename(live, aside)) {
        throw new IOException("could not move " + live + " aside");
      }
      fs.delete(aside, true);
      return;
    }
    Path staged = new Path(warehouse.scratch(runId) + "/" + layer + "/" + table.getName() + "/" + live.getName());
    remaining.write().parquet(staged.toString());
    if (!fs.rename(live, aside)) {
      throw new IOException("could not move " + live + " aside");
    }
    if (!fs.rename(staged, live)) {
      throw new IOException("could not rename " + staged + " to " + live);
    }
    fs.delete(aside, true);
  }

  /** Whether a table folder holds a Parquet file (an empty one cannot be read for its schema). */
  private static boolean hasParquet(Warehouse warehouse, String dir) {
    try {
      Path p = new Path(dir);
      FileSystem fs = p.getFileSystem(warehouse.hadoopConf());
      if (!fs.exists(p)) {
        return false;
      }
      var it = fs.listFiles(p, true);
      while (it.hasNext()) {
        if (it.next().getPath().getName().endsWith(".parquet")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir + " failed", e);
    }
  }

  /** Sub-folders of {@code dir} (only those whose name contains {@code mustContain}), skipping hidden ones. */
  private static List<Path> folders(FileSystem fs, Path dir, String mustContain) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!fs.exists(dir)) {
      return out;
    }
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (s.isDirectory() && !name.startsWith("_") && !name.startsWith(".") && name.contains(mustContain)) {
        out.add(s.getPath());
      }
    }
    out.sort(null);
    return out;
  }
}
