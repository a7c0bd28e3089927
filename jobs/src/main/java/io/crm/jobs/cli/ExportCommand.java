package io.crm.jobs.cli;

import io.crm.analytics.marketing.BudgetedSelection;
import io.crm.analytics.marketing.Campaign;
import io.crm.analytics.marketing.CampaignKind;
import io.crm.analytics.marketing.CampaignSelector;
import io.crm.analytics.marketing.Campaigns;
import io.crm.analytics.marketing.Consent;
import io.crm.analytics.marketing.ContactFilter;
import io.crm.analytics.marketing.CustomerProfile;
import io.crm.analytics.marketing.Emails;
import io.crm.analytics.marketing.PurchaseHistory;
import io.crm.analytics.marketing.Recommendation;
import io.crm.analytics.marketing.SuppressionList;
import io.crm.jobs.export.ExportColumn;
import io.crm.jobs.export.ExportColumns;
import io.crm.jobs.export.ExportFormat;
import io.crm.jobs.export.ExportLog;
import io.crm.jobs.export.ExportTable;
import io.crm.jobs.export.ExportWriter;
import io.crm.jobs.export.MarketingData;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import io.crm.jobs.workspace.WorkspacePermissions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * `crm export`: a target list for marketing. Reads gold and silver through the owner's restricted
 * catalog (gold's customer_key mapped back to customer id and e-mail), lets the analytics rules
 * pick the customers, keeps only those who may be contacted, writes the file
 * and records the export in warehouse/_runs/exports.jsonl.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export a consented target list: by gold attributes or a named campaign, as csv, excel-de or xlsx.",
      "Without --as-of the newest segments snapshot is exported (not yesterday, as for the jobs).",
      "Example: crm export --campaign win-back --format xlsx --budget 500 --cost-per-contact 1.5",
      "         crm export --segment \"At risk\" --tier A --columns customer_id,email,clv --out at-risk.csv"
    })
public final class ExportCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Mixin AsOfOption asOf;
  @Spec CommandSpec spec;

  @Option(names = "--campaign", paramLabel = "NAME", description = "A campaign of crm.yaml (see --list).")
  String campaign;

  @Option(names = "--segment", split = ",", paramLabel = "NAME", description = "RFM segment(s).")
  List<String> segments = new ArrayList<>();

  @Option(names = "--lifecycle", split = ",", paramLabel = "STAGE", description = "Lifecycle stage(s).")
  List<String> lifecycles = new ArrayList<>();

  @Option(names = "--tier", split = ",", paramLabel = "TIER", description = "Value tier(s): A, B, C.")
  List<String> tiers = new ArrayList<>();

  // no split: cluster labels are phrases with commas ("frequent buyers, high spend")
  @Option(names = "--cluster", paramLabel = "LABEL", description = "Behavioural cluster label; repeat the option for several.")
  List<String> clusters = new ArrayList<>();

  @Option(names = "--risk-band", split = ",", paramLabel = "BAND", description = "Churn risk band(s): Low, Medium, High.")
  List<String> riskBands = new ArrayList<>();

  @Option(names = "--min-clv", paramLabel = "AMOUNT", description = "Only customers with at least this CLV.")
  Double minClv;

  @Option(names = "--columns", split = ",", paramLabel = "COL", description = "Columns to write, in order (see --list).")
  List<String> columns = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv, excel-de or xlsx (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "The file to write. Default: DIR/exports/<campaign or selection>-<as_of>.<csv|xlsx>.")
  Path out;

  @Option(names = "--budget", paramLabel = "AMOUNT", description = "Spend at most this on contacts, best expected return first (needs --campaign).")
  Double budget;

  @Option(names = "--cost-per-contact", paramLabel = "AMOUNT", description = "Cost of one contact, for --budget.")
  Double costPerContact;

  @Option(names = "--list", description = "List the campaigns, the attribute values with counts and the columns, then stop.")
  boolean list;

  /** The attribute options, each with the column of gold it filters. */
  private record AttributeFilter(String option, String column, List<String> wanted) {}

  private List<AttributeFilter> filters() {
    return List.of(
        new AttributeFilter("--segment", "rfm_segment", segments),
        new AttributeFilter("--lifecycle", "lifecycle_stage", lifecycles),
        new AttributeFilter("--tier", "value_tier", tiers),
        new AttributeFilter("--cluster", "cluster", clusters),
        new AttributeFilter("--risk-band", "risk_band", riskBands));
  }

  @Override
  public Integer call() throws SQLException, IOException {
    Workspace ws = home.workspace();
    PrintWriter printer = spec.commandLine().getOut();
    ExportFormat fileFormat = ExportFormat.parse(format);
    Campaigns campaigns = Campaigns.fromMap(ws.config().section("campaigns"));
    Campaign chosen = campaign == null ? null : campaigns.get(campaign);
    checkOptions();
    List<ExportColumn> wantedColumns = columns.isEmpty() ? null : ExportColumns.resolve(columns);
    ws.requireLocalWarehouse("crm export");
    if (!Files.isRegularFile(ws.duckdb())) {
      throw new UserException("no " + ws.duckdb() + " yet: run `crm nightly` (or `crm demo`) first");
    }
    try (Connection c = DuckDbCatalog.openRestricted(ws)) {
      MarketingData data = MarketingData.open(c, asOf.asOf == null ? null : asOf.resolve(ws.config().zone()));
      List<Map<String, Object>> rows = data.customers();
      if (list) {
        printList(printer, campaigns, data.asOf(), rows);
        return ExitCode.OK;
      }
      rows = applyFilters(rows, data.asOf());
      Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
      rows.forEach(r -> byId.put((String) r.get("customer_id"), r));

      // who the selection picks, best first
      List<Recommendation> picks;
      if (chosen != null) {
        List<CustomerProfile> profiles = rows.stream().map(MarketingData::profile).toList();
        PurchaseHistory purchases = chosen.kind() == CampaignKind.CROSS_SELL
            ? data.purchases(CampaignSelector.crossSellItem(chosen), CampaignSelector.crossSellBasket(chosen))
            : null;
        picks = CampaignSelector.select(chosen, profiles, purchases);
      } else {
        picks = rows.stream()
            .sorted(Comparator.comparing((Map<String, Object> r) -> number(r.get("clv")), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(r -> (String) r.get("customer_id")))
            .map(r -> new Recommendation((String) r.get("customer_id"), null, null, orZero(number(r.get("clv"))), null))
            .toList();
      }

      // who may be contacted
      Instant cutoff = data.asOf().plusDays(1).atStartOfDay(ws.config().zone()).toInstant();
      Set<String> consented = Consent.holding(data.consentEvents(), cutoff);
      SuppressionList suppression = suppressionList(ws);
      List<ContactFilter.Candidate> candidates = new ArrayList<>();
      for (Recommendation p : picks) {
        Map<String, Object> row = byId.get(p.customerId());
        candidates.add(new ContactFilter.Candidate(p.customerId(), (String) row.get("email"), knownEmails(row)));
      }
      ContactFilter.Result gate = new ContactFilter(consented, suppression).apply(candidates);

      Map<String, Recommendation> pickById = new HashMap<>();
      picks.forEach(p -> pickById.put(p.customerId(), p));
      List<ContactFilter.Contact> contacts = gate.contacts();
      Map<String, Double> expectedReturn = new HashMap<>();
      BudgetedSelection.Result budgeted = null;
      if (budget != null) {
        List<BudgetedSelection.Candidate> pool = contacts.stream()
            .map(k -> new BudgetedSelection.Candidate(k.customerId(), pickById.get(k.customerId()).valueAtStake())).toList();
        budgeted = BudgetedSelection.select(pool, chosen.responseRate(), costPerContact, budget);
        Map<String, ContactFilter.Contact> contactById = new HashMap<>();
        contacts.forEach(k -> contactById.put(k.customerId(), k));
        List<ContactFilter.Contact> kept = new ArrayList<>();
        for (BudgetedSelection.Pick p : budgeted.picks()) {
          kept.add(contactById.get(p.customerId()));
          expectedReturn.put(p.customerId(), p.expectedReturn());
        }
        contacts = kept;
      }

      List<ExportColumn> cols = wantedColumns != null ? wantedColumns
          : ExportColumns.resolve(ExportColumns.DEFAULT.stream()
              .filter(n -> chosen != null || !(n.equals("offer") || n.equals("reason"))).toList());
      List<List<Object>> tableRows = new ArrayList<>();
      for (ContactFilter.Contact k : contacts) {
        Map<String, Object> row = new HashMap<>(byId.get(k.customerId()));
        Recommendation p = pickById.get(k.customerId());
        row.put("email", k.email());
        row.put("offer", p.offer());
        row.put("reason", p.reason());
        row.put("value_at_stake", chosen == null ? null : p.valueAtStake());
        row.put("expected_return", expectedReturn.get(k.customerId()));
        if (p.rule() != null) {
          row.put("rule_support", p.rule().support());
          row.put("rule_confidence", p.rule().confidence());
          row.put("rule_lift", p.rule().lift());
        }
        List<Object> values = new ArrayList<>();
        for (ExportColumn col : cols) {
          values.add(row.get(col.name()));
        }
        tableRows.add(values);
      }
      String title = chosen != null ? chosen.name() : "selection";
      Path file = out != null ? out.toAbsolutePath().normalize()
          : ws.exports().resolve(title + "-" + data.asOf() + "." + fileFormat.extension());
      WorkspacePermissions permissions = WorkspacePermissions.of(ws);
      if (out == null) {
        permissions.restrict();
      }
      ExportWriter.write(new ExportTable(title, cols, tableRows), fileFormat, file);
      permissions.file(file);

      ExportLog log = new ExportLog(ws.requireLocalWarehouse("crm export").resolve("_runs"));
      log.append(logEntry(data.asOf(), fileFormat, file, cols, contacts, gate.counts(), budgeted));
      report(printer, data.asOf(), title, gate.counts(), budgeted, file, fileFormat, contacts.size(), log.file());
      return ExitCode.OK;
    } catch (SQLException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
      throw new UserException("export query on the warehouse of " + ws.home() + " failed: " + msg, e);
    }
  }

  private void checkOptions() {
    if ((budget == null) != (costPerContact == null)) {
      throw new UserException("--budget and --cost-per-contact go together");
    }
    if (budget != null && campaign == null) {
      throw new UserException("--budget ranks a campaign's candidates: give --campaign NAME as well");
    }
    if (budget != null && !(budget >= 0)) {
      throw new UserException("--budget must be >= 0, got " + budget);
    }
    if (costPerContact != null && !(costPerContact > 0)) {
      throw new UserException("--cost-per-contact must be > 0, got " + costPerContact);
    }
  }

  /** Keeps the rows matching every attribute option; a value this snapshot does not have is refused. */
  private List<Map<String, Object>> applyFilters(List<Map<String, Object>> rows, LocalDate day) {
    List<Map<String, Object>> kept = rows;
    for (AttributeFilter f : filters()) {
      if (f.wanted().isEmpty()) {
        continue;
      }
      Map<String, Long> values = counts(rows, f.column());
      Set<String> wanted = new java.util.HashSet<>();
      for (String w : f.wanted()) {
        String match = values.keySet().stream().filter(v -> v.equalsIgnoreCase(w.strip())).findFirst().orElse(null);
        if (match == null) {
          throw new UserException(f.option() + " '" + w + "' is not a value on " + day + "; values: " + String.join(", ", values.keySet()));
        }
        wanted.add(match);
      }
      kept = kept.stream().filter(r -> r.get(f.column()) != null && wanted.contains(r.get(f.column()).toString())).toList();
    }
    if (minClv != null) {
      kept = kept.stream().filter(r -> number(r.get("clv")) != null && number(r.get("clv")) >= minClv).toList();
    }
    return kept;
  }

  private SuppressionList suppressionList(Workspace ws) throws IOException {
    Object files = ws.config().section("exports").get("suppression");
    SuppressionList list = SuppressionList.empty();
    if (files == null) {
      return list;
    }
    List<?> entries = files instanceof List<?> l ? l : List.of(files);
    for (int i = 0; i < entries.size(); i++) {
      Object entry = entries.get(i);
      String where = ws.config().file() + ": exports.suppression" + (files instanceof List<?> ? "[" + i + "]" : "");
      if (!(entry instanceof String name) || name.isBlank()) {
        throw new UserException(where + " must be a file name, got '" + entry + "'");
      }
      Path path = ws.home().resolve(name);
      if (!Files.isRegularFile(path)) {
        throw new UserException(where + ": no file " + path);
      }
      list.addLines(Files.readAllLines(path, StandardCharsets.UTF_8));
    }
    return list;
  }

  private static List<String> knownEmails(Map<String, Object> row) {
    List<String> out = new ArrayList<>();
    if (row.get("known_emails") instanceof List<?> l) {
      l.forEach(e -> {
        if (e != null) {
          out.add(e.toString());
        }
      });
    }
    return out;
  }

  private Map<String, Object> logEntry(LocalDate day, ExportFormat fileFormat, Path file, List<ExportColumn> cols,
      List<ContactFilter.Contact> contacts, ContactFilter.Counts counts, BudgetedSelection.Result budgeted) {
    Map<String, Object> selection = new LinkedHashMap<>();
    if (campaign != null) {
      selection.put("campaign", campaign);
    }
    filters().forEach(f -> {
      if (!f.wanted().isEmpty()) {
        selection.put(f.option().substring(2), f.wanted());
      }
    });
    if (minClv != null) {
      selection.put("min-clv", minClv);
    }
    if (budget != null) {
      selection.put("budget", budget);
      selection.put("cost-per-contact", costPerContact);
    }
    Map<String, Object> countMap = new LinkedHashMap<>();
    countMap.put("selected", counts.selected());
    countMap.put("no_consent", counts.noConsent());
    countMap.put("suppressed", counts.suppressed());
    countMap.put("invalid", counts.invalid());
    countMap.put("duplicate", counts.duplicate());
    if (budgeted != null) {
      countMap.put("over_budget", counts.exported() - contacts.size());
    }
    countMap.put("exported", contacts.size());
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("exported_at", Instant.now().toString());
    e.put("as_of", day.toString());
    e.put("selection", selection);
    e.put("format", fileFormat.id());
    e.put("file", file.toString());
    e.put("columns", cols.stream().map(ExportColumn::name).toList());
    e.put("rows", contacts.size());
    e.put("counts", countMap);
    if (budgeted != null) {
      e.put("expected_return", round2(budgeted.expectedReturn()));
    }
    e.put("email_sha256", contacts.stream().map(k -> Emails.sha256(k.email())).toList());
    return e;
  }

  private static void report(PrintWriter p, LocalDate day, String title, ContactFilter.Counts counts,
      BudgetedSelection.Result budgeted, Path file, ExportFormat fileFormat, int rows, Path log) {
    p.printf("export %s as of %s%n", title, day);
    p.printf("  selected        %,8d%n", counts.selected());
    p.printf("  no consent      %,8d%n", counts.noConsent());
    p.printf("  suppressed      %,8d%n", counts.suppressed());
    p.printf("  invalid e-mail  %,8d%n", counts.invalid());
    p.printf("  duplicate       %,8d%n", counts.duplicate());
    if (budgeted != null) {
      p.printf("  over budget     %,8d%n", counts.exported() - rows);
    }
    p.printf("  exported        %,8d%n", rows);
    if (budgeted != null) {
      p.printf(Locale.ROOT, "budget: %d contacts cost %.2f; expected return %.2f (stopped: %s)%n",
          budgeted.picks().size(), budgeted.spent(), budgeted.expectedReturn(), budgeted.stop());
    }
    p.printf("wrote %s (%s); logged in %s%n", file, fileFormat.id(), log);
    p.flush();
  }

  private void printList(PrintWriter p, Campaigns all, LocalDate day, List<Map<String, Object>> rows) {
    p.println("Campaigns (crm.yaml `campaigns:`; --campaign NAME):");
    for (Campaign c : all.all()) {
      p.printf("  %-22s %s%n", c.name(), c.kind().description()
          + (c.name().equals(c.kind().id()) ? "" : " (kind " + c.kind().id() + ")"));
    }
    p.printf("%nValues as of %s (%,d customers):%n", day, rows.size());
    for (AttributeFilter f : filters()) {
      counts(rows, f.column()).forEach((value, n) -> p.printf("  %-12s %-40s %,8d%n", f.option(), value, n));
    }
    List<Double> clv = rows.stream().map(r -> number(r.get("clv"))).filter(java.util.Objects::nonNull).sorted().toList();
    if (!clv.isEmpty()) {
      p.printf(Locale.ROOT, "  %-12s CLV from %.2f to %.2f, median %.2f (%,d customers with a CLV)%n", "--min-clv",
          clv.get(0), clv.get(clv.size() - 1), clv.get(clv.size() / 2), clv.size());
    }
    p.printf("%nColumns (--columns; default %s):%n", String.join(",", ExportColumns.DEFAULT));
    for (ExportColumn c : ExportColumns.all()) {
      p.printf("  %-18s %-8s %s%n", c.name(), c.type().name().toLowerCase(Locale.ROOT), c.description());
    }
    p.flush();
  }

  private static Map<String, Long> counts(List<Map<String, Object>> rows, String column) {
    Map<String, Long> out = new TreeMap<>();
    for (Map<String, Object> r : rows) {
      Object v = r.get(column);
      if (v != null) {
        out.merge(v.toString(), 1L, Long::sum);
      }
    }
    return out;
  }

  private static Double number(Object v) {
    return v == null ? null : ((Number) v).doubleValue();
  }

  private static double orZero(Double d) {
    return d == null ? 0 : d;
  }

  private static double round2(double d) {
    return Math.round(d * 100) / 100.0;
  }
}
