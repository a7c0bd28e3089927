package io.crm.jobs.gdpr;

import com.fasterxml.jackson.databind.JsonNode;
import io.crm.etl.ingest.ErasedIdentities;
import io.crm.jobs.export.ExportLog;
import io.crm.jobs.pipeline.ConformStep;
import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.pipeline.Pipeline;
import io.crm.jobs.pipeline.Step;
import io.crm.jobs.pipeline.StepResult;
import io.crm.jobs.workspace.Workspace;
import io.crm.jobs.workspace.WorkspaceLock;
import io.crm.jobs.workspace.WorkspaceSecret;
import io.crm.warehouse.KeyedHash;
import io.crm.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * An erasure request (GDPR Art. 17): under the workspace lock it resolves the person through
 * silver, records their tombstones (so no later ingest brings them back), removes their rows from
 * every layer ({@link EraseStep}), rebuilds silver and the last night's gold and cubes from the
 * filtered bronze so every aggregate reconciles, commits, deletes every superseded version that
 * still holds them, refreshes crm.duckdb, lists the exports that held their address and writes
 * an audit entry with hashed identifiers only. Landing files are not touched.
 */
public final class Erasure {
  /** The audit log of erasures, under {@code _runs}. */
  public static final String AUDIT_FILE = "gdpr.jsonl";
  static final String JOB = "gdpr erase";

  private final JobContext ctx;

  /** @param ctx the command's context; the pipeline's step output goes to its {@code out} */
  public Erasure(JobContext ctx) {
    this.ctx = ctx;
  }

  /**
   * What was done.
   *
   * @param audit the audit entry as written (hashed identifiers, rows removed per table, exports)
   */
  public record Result(
      int customerIds, int emails, int cookies, int tombstonesAdded, Map<String, Long> rowsRemoved, List<JsonNode> exports,
      Map<String, Object> audit) {
    public long rows() {
      return rowsRemoved.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** @param email or {@code customerId}: how the request names the person (one of them) */
  public Result run(String email, String customerId) {
    Workspace ws = ctx.workspace();
    try (WorkspaceLock lock = WorkspaceLock.acquire(ws.home(), JOB)) {
      lock.tookOverFrom().ifPresent(h -> {
        ctx.err().println("crm: took over the workspace lock of " + h + ", which is no longer running");
        ctx.err().flush();
      });
      KeyedHash hash = WorkspaceSecret.load(ws, true);
      SparkSession spark = ctx.spark();
      Warehouse before = Warehouse.open(ws.warehouse(), spark.sparkContext().hadoopConfiguration());
      Subject subject = resolve(spark, before, email, customerId);
      Instant at = Instant.now();
      // the tombstones come first: should the run die halfway, no later ingest brings the person back
      Set<String> hashes = Tombstones.of(subject, hash);
      int added = new Tombstones(ws.runs(), ws.hadoopConf()).add(hashes, hash, at);

      Pipeline pipeline = new Pipeline(ctx);
      List<Step> steps = new ArrayList<>();
      ConformStep conform = new ConformStep(ctx, null, true, true, false);
      boolean rebuild = exists(before, before.bronze());
      Set<String> rebuilt = rebuild
          ? conform.outputs().stream().map(t -> t.substring("silver/".length()))
              // conform keeps the state's rows of retired ingest dates: they are filtered here
              .filter(t -> !io.crm.etl.conform.Conform.stateTables().contains(t))
              .collect(Collectors.toSet())
          : Set.of();
      steps.add(new EraseStep(ctx, subject, hash, rebuilt));
      Optional<LocalDate> night = pipeline.ledger().lastSuccess(Pipeline.NIGHT);
      if (rebuild) {
        steps.add(conform);
        // the last night's gold and cubes are computed again from the new silver; older
        // snapshots cannot be recomputed as they were, so EraseStep only filters them
        if (night.isPresent()) {
          Pipeline.nightly(ctx).stream().filter(s -> s.dated() && !s.readsCommitted()).forEach(steps::add);
        }
      }
      pipeline.run(JOB, steps, night.orElse(LocalDate.now(ws.config().zone())));
      Warehouse after = Warehouse.open(ws.warehouse(), spark.sparkContext().hadoopConfiguration());
      after.expireAllButCurrent();

      StepResult erased = pipeline.results().get(JOB);
      Map<String, Long> removed = new TreeMap<>();
      Object m = erased.metrics().get(EraseStep.ROWS_REMOVED);
      if (m instanceof Map<?, ?> map) {
        map.forEach((k, v) -> removed.put(k.toString(), ((Number) v).longValue()));
      }
      List<JsonNode> exports = ws.localWarehouse()
          .map(w -> AccessReport.exports(w.resolve("_runs").resolve(ExportLog.FILE), subject))
          .orElse(List.of());
      Map<String, Object> audit = audit(at, email != null ? "email" : "customer_id", subject, hash, added, removed,
          exports, after.version());
      new JsonLines(ws.runs() + "/" + AUDIT_FILE, ws.hadoopConf()).append(List.of(audit));
      return new Result(subject.customerIds().size(), subject.emails().size(), subject.cookies().size(), added, removed,
          exports, audit);
    }
  }

  private static Map<String, Object> audit(Instant at, String requestedBy, Subject s, KeyedHash hash, int added,
      Map<String, Long> removed, List<JsonNode> exports, long version) {
    Map<String, Object> ids = new LinkedHashMap<>();
    ids.put("emails", hashed(s.emails(), hash, true));
    ids.put("customer_ids", hashed(s.customerIds(), hash, false));
    ids.put("cookies", hashed(s.cookies(), hash, false));
    Map<String, Object> audit = new LinkedHashMap<>();
    audit.put("at", at.toString());
    audit.put("request", "erase");
    audit.put("requested_by", requestedBy);
    audit.put("identities", ids);
    audit.put("tombstones_added", added);
    audit.put("rows_removed", removed);
    audit.put("rows_removed_total", removed.values().stream().mapToLong(Long::longValue).sum());
    audit.put("exports", exports);
    audit.put("warehouse_version", version);
    return audit;
  }

  private static List<String> hashed(Set<String> values, KeyedHash hash, boolean email) {
    Set<String> out = new LinkedHashSet<>();
    // the tombstones themselves, not the customer_key analysts know
    values.forEach(v -> out.add(ErasedIdentities.tombstone(hash, email ? v.strip().toLowerCase(java.util.Locale.ROOT) : v.strip())));
    return List.copyOf(out);
  }

  /** The person through silver as last committed, read with Spark so a warehouse on HDFS works too. */
  private static Subject resolve(SparkSession spark, Warehouse w, String email, String customerId) {
    Optional<String> identities = w.silver("identities");
    Optional<String> customers = w.silver("customers");
    boolean silver = identities.isPresent() && customers.isPresent();
    if (silver) {
      spark.read().parquet(identities.get()).createOrReplaceTempView("gdpr_identities");
      spark.read().parquet(customers.get()).createOrReplaceTempView("gdpr_customers");
    }
    return Subject.resolve(sql -> {
      List<List<String>> rows = new ArrayList<>();
      for (Row r : spark.sql(sql).collectAsList()) {
        List<String> row = new ArrayList<>();
        for (int i = 0; i < r.length(); i++) {
          row.add(r.isNullAt(i) ? null : r.get(i).toString());
        }
        rows.add(row);
      }
      return rows;
    }, silver ? "gdpr_identities" : null, silver ? "gdpr_customers" : null, email, customerId);
  }

  private static boolean exists(Warehouse w, String dir) {
    try {
      Path p = new Path(dir);
      return p.getFileSystem(w.hadoopConf()).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at " + dir, e);
    }
  }
}
