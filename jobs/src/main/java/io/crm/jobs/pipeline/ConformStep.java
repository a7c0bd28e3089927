package io.crm.jobs.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.etl.conform.Conform;
import io.crm.etl.conform.ConformResult;
import io.crm.etl.source.SourceKind;
import io.crm.jobs.cli.UserException;
import io.crm.jobs.spark.CaseMappingWarmUp;
import io.crm.jobs.workspace.Workspace;
import io.crm.jobs.workspace.WorkspaceSecret;
import io.crm.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.hadoop.fs.Path;

/** Bronze -> silver for every source in crm.yaml (see {@link Conform}). */
public final class ConformStep implements Step {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JobContext ctx;
  private final LocalDate ingestedUpTo;
  private final boolean allowEmptying;
  private final boolean fullRefresh;
  private final boolean json;

  /**
   * @param ingestedUpTo use bronze ingested up to this date; null: everything ingested
   * @param allowEmptying publish even when a silver table that has rows would become empty
   * @param fullRefresh cut all web traffic into sessions again instead of only the new files
   */
  public ConformStep(JobContext ctx, LocalDate ingestedUpTo, boolean allowEmptying, boolean fullRefresh, boolean json) {
    this.ctx = ctx;
    this.ingestedUpTo = ingestedUpTo;
    this.allowEmptying = allowEmptying;
    this.fullRefresh = fullRefresh;
    this.json = json;
  }

  /** Staging lowercases e-mails: Spark's case-mapping tables are built while the night starts. */
  @Override
  public void warmUp() {
    CaseMappingWarmUp.start();
  }

  @Override
  public String name() {
    return "conform";
  }

  @Override
  public List<String> inputs() {
    return List.of("bronze/*");
  }

  @Override
  public List<String> outputs() {
    return List.of("silver/customers", "silver/identities", "silver/web_identity_hits",
        "silver/orders", "silver/order_lines", "silver/products", "silver/contacts", "silver/survey_responses",
        "silver/sessions", "silver/page_views", "silver/session_users", "silver/session_customers", "silver/session_hits", "silver/session_hit_files",
        "silver/staged_transactions", "silver/staged_contacts", "silver/staged_surveys", "silver/staged_files");
  }

  @Override
  public boolean dated() {
    return false;
  }

  @Override
  public StepResult run(Warehouse warehouse, LocalDate asOf) {
    Workspace ws = ctx.workspace();
    Map<String, SourceKind> kinds = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> e : ws.config().sources().entrySet()) {
      Object kind = e.getValue().get("kind");
      if (kind == null) {
        throw new UserException(ws.config().file() + ": sources." + e.getKey() + " has no kind");
      }
      try {
        kinds.put(e.getKey(), SourceKind.parse(kind.toString()));
      } catch (IllegalArgumentException ex) {
        throw new UserException(ws.config().file() + ": sources." + e.getKey() + ": " + ex.getMessage());
      }
    }
    if (kinds.isEmpty()) {
      throw new UserException(ws.config().file() + " lists no sources");
    }
    if (!exists(warehouse, warehouse.bronze())) {
      throw new UserException("no bronze tables in " + warehouse.bronze() + " (run `crm ingest --home " + ws.home() + "` first)");
    }
    Map<String, String> committed = new LinkedHashMap<>();
    for (String table : warehouse.silverTables()) {
      warehouse.silver(table).ifPresent(path -> committed.put(table, path));
    }
    ConformResult r = new Conform(ctx.spark(), warehouse, ws.config().zone(), kinds, WorkspaceSecret.load(ws, true)).run(ingestedUpTo, fullRefresh, retainFrom(ws, asOf), phase -> ctx.progress("conform: " + phase));
    if (!allowEmptying) {
      refuseEmptying(committed, r);
    }
    long in = r.bronzeRows().values().stream().mapToLong(Long::longValue).sum();
    long out = r.silverRows().values().stream().mapToLong(Long::longValue).sum();
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("persons", r.persons());
    metrics.put("silver_rows", r.silverRows());
    return new StepResult((json ? toJson(r) : toText(r)) + "\n", in, out, 0, metrics);
  }

  /**
   * The first ingest date whose bronze is kept, when crm.yaml sets `retention.days`: older files
   * are retired (their rows stay in silver, the nightly's retention step deletes them).
   */
  private LocalDate retainFrom(Workspace ws, LocalDate asOf) {
    java.util.OptionalInt days = ws.config().retentionDays();
    if (days.isEmpty()) {
      return null;
    }
    LocalDate day = ingestedUpTo != null ? ingestedUpTo : asOf != null ? asOf : LocalDate.now(ws.config().zone());
    return day.minusDays(days.getAsInt());
  }

  /**
   * An empty table over a full one is almost always a mistake (a date filter that matched no
   * ingest partition, bronze moved away), so it stops the run before anything is committed.
   */
  private void refuseEmptying(Map<String, String> committed, ConformResult r) {
    List<String> emptied = new ArrayList<>();
    r.silverRows().forEach((table, rows) -> {
      String before = committed.get(table);
      if (rows == 0 && before != null) {
        long had = ctx.spark().read().parquet(before).count();
        if (had > 0) {
          emptied.add(String.format("%s (%,d rows now)", table, had));
        }
      }
    });
    if (!emptied.isEmpty()) {
      throw new UserException("conform would replace non-empty silver tables with empty ones: " + String.join(", ", emptied)
          + (ingestedUpTo == null ? "" : "; --ingested-until " + ingestedUpTo + " keeps only bronze ingested up to that day")
          + "; nothing was published (--force publishes anyway)");
    }
  }

  private static boolean exists(Warehouse warehouse, String dir) {
    try {
      Path p = new Path(dir);
      return p.getFileSystem(warehouse.hadoopConf()).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String toText(ConformResult r) {
    if (r.nothingNew()) {
      return String.format("conform%s: %.1f s%n  nothing new in bronze since the last run (no file arrived or was retired): silver stays as it is",
          r.asOf() == null ? "" : " as of " + r.asOf(), seconds(r.elapsed()));
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("conform%s: %.1f s%n", r.asOf() == null ? "" : " as of " + r.asOf(), seconds(r.elapsed())));
    sb.append("  bronze rows read:");
    r.bronzeRows().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    sb.append(System.lineSeparator());
    r.silverRows().forEach((k, v) -> sb.append(String.format("  %-17s %,12d rows%n", k, v)));
    sb.append(String.format("  persons %,d (%,d cookies linked, %s; web evidence %s)%n", r.persons(), r.linkedCookies(),
        r.identityRounds() == 0 ? "identity graph solved in memory" : r.identityRounds() + " label-propagation rounds",
        r.identityEvidenceKept() ? "kept, plus the hits cut" : "reduced from all session hits"));
    sb.append(String.format("  identities: %,d of %,d resolved again (the others kept as stored)%n", r.identitiesResolvedAgain(),
        r.silverRows().getOrDefault("identities", 0L)));
    sb.append(r.sessionsFullRefreshReason() == null
        ? String.format("  sessions: incremental, %,d visitors with new hits (their open sessions cut again)%n", r.recutVisitors())
        : String.format("  sessions: full refresh (%s)%n", r.sessionsFullRefreshReason()));
    sb.append(String.format("  orders: %,d of %,d built (the others kept as stored)%n", r.rebuiltOrders(),
        r.silverRows().getOrDefault("orders", 0L)));
    sb.append(String.format("  contacts: %,d of %,d built, customers: %,d of %,d (the others kept as stored)%n",
        r.contactsBuiltAgain(), r.silverRows().getOrDefault("contacts", 0L), r.customersBuiltAgain(),
        r.silverRows().getOrDefault("customers", 0L)));
    sb.append(
        String.format(
            "  filtered: %,d bot requests, %,d bot events, %,d static assets; dropped %,d duplicate order lines%n",
            r.logBotRequests(), r.eventBotEvents(), r.staticAssets(), r.duplicateOrderLines()));
    sb.append(
        String.format(
            "  kept without a customer: %,d orders (guest with invalid e-mail), %,d anonymous orders (sales, no customer), %,d survey answers%n",
            r.unresolvedOrders(), r.anonymousOrders(), r.unlinkedSurveyResponses()));
    if (!r.unknownCountries().isEmpty()) {
      StringJoiner unknown = new StringJoiner(", ", "  countries kept as written (no ISO code known): ", System.lineSeparator());
      r.unknownCountries().forEach((k, v) -> unknown.add(String.format("%s (%,d rows)", k, v)));
      sb.append(unknown);
    }
    StringJoiner phases = new StringJoiner(", ", "  time: ", "");
    r.phaseTimes().forEach((k, v) -> phases.add(String.format("%s %.1f s", k, seconds(v))));
    sb.append(phases);
    return sb.toString();
  }

  static String toJson(ConformResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("as_of", r.asOf() == null ? null : r.asOf().toString());
    m.put("seconds", millisAsSeconds(r.elapsed()));
    m.put("nothing_new", r.nothingNew());
    m.put("bronze_rows", r.bronzeRows());
    m.put("silver_rows", r.silverRows());
    m.put("persons", r.persons());
    m.put("linked_cookies", r.linkedCookies());
    m.put("identity_rounds", r.identityRounds());
    m.put("identity_evidence_kept", r.identityEvidenceKept());
    m.put("identities_resolved_again", r.identitiesResolvedAgain());
    m.put("sessions_full_refresh_reason", r.sessionsFullRefreshReason());
    m.put("recut_visitors", r.recutVisitors());
    m.put("rebuilt_orders", r.rebuiltOrders());
    m.put("contacts_built_again", r.contactsBuiltAgain());
    m.put("customers_built_again", r.customersBuiltAgain());
    m.put("duplicate_order_lines", r.duplicateOrderLines());
    m.put("unresolved_orders", r.unresolvedOrders());
    m.put("anonymous_orders", r.anonymousOrders());
    m.put("unknown_countries", r.unknownCountries());
    m.put("unlinked_survey_responses", r.unlinkedSurveyResponses());
    m.put("bot_requests", r.logBotRequests());
    m.put("bot_events", r.eventBotEvents());
    m.put("static_assets", r.staticAssets());
    Map<String, Object> phases = new LinkedHashMap<>();
    r.phaseTimes().forEach((k, v) -> phases.put(k, millisAsSeconds(v)));
    m.put("phase_seconds", phases);
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Seconds with millisecond precision, written as e.g. 1.250. */
  private static BigDecimal millisAsSeconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis(), 3);
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
