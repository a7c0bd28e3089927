package io.crm.jobs.cli;

import io.crm.etl.conform.BronzeSchema;
import io.crm.etl.conform.Conform;
import io.crm.etl.conform.ConformResult;
import io.crm.jobs.spark.SparkSessions;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `crm conform`: bronze -> silver for every source in crm.yaml (see io.crm.etl.conform.Conform). */
@Command(
    name = "conform",
    mixinStandardHelpOptions = true,
    description = {
      "Builds the silver tables (customers, identities, orders, order_lines, products, sessions,",
      "page_views, contacts, survey_responses) from bronze, rebuilding them completely and",
      "publishing them together."
    })
public final class ConformCommand implements Callable<Integer> {
  @Mixin HomeOptions home;

  @Spec CommandSpec spec;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "Use only bronze ingested up to this date (yyyy-MM-dd). Default: everything ingested.")
  LocalDate asOf;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    Workspace ws = home.workspace();
    Map<String, String> kinds = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> e : ws.config().sources().entrySet()) {
      Object kind = e.getValue().get("kind");
      if (kind == null) {
        throw new UserException(ws.config().file() + ": sources." + e.getKey() + " has no kind");
      }
      try {
        BronzeSchema.Kind.parse(kind.toString());
      } catch (IllegalArgumentException ex) {
        throw new UserException(ws.config().file() + ": sources." + e.getKey() + ": " + ex.getMessage());
      }
      kinds.put(e.getKey(), kind.toString());
    }
    if (kinds.isEmpty()) {
      throw new UserException(ws.config().file() + " lists no sources");
    }
    if (!Files.isDirectory(ws.bronze())) {
      throw new UserException("no bronze tables in " + ws.bronze() + " (run `crm ingest --home " + ws.home() + "` first)");
    }
    ZoneId zone = Conform.zone(ws.config().string("timezone", "UTC"));
    Conform conform =
        new Conform(SparkSessions.getOrCreate("crm conform"), ws.bronze().toString(), ws.silver().toString(), zone, kinds);
    PrintWriter err = spec.commandLine().getErr();
    ConformResult r = conform.run(asOf, phase -> {
      err.println("  conform: " + phase);
      err.flush();
    });
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? toJson(r) : toText(r));
    out.flush();
    return ExitCode.OK;
  }

  static String toText(ConformResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("conform%s: %.1f s%n", r.asOf() == null ? "" : " as of " + r.asOf(), seconds(r.elapsed())));
    sb.append("  bronze rows read:");
    r.bronzeRows().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    sb.append(System.lineSeparator());
    r.silverRows().forEach((k, v) -> sb.append(String.format("  %-17s %,12d rows%n", k, v)));
    sb.append(String.format("  persons %,d (%,d cookies linked, %d label-propagation rounds)%n", r.persons(), r.linkedCookies(), r.identityRounds()));
    sb.append(
        String.format(
            "  filtered: %,d bot requests, %,d bot events, %,d static assets; dropped %,d duplicate order lines%n",
            r.logBotRequests(), r.eventBotEvents(), r.staticAssets(), r.duplicateOrderLines()));
    sb.append(
        String.format(
            "  kept without a customer: %,d orders (guest with invalid e-mail), %,d survey answers%n",
            r.unresolvedOrders(), r.unlinkedSurveyResponses()));
    StringJoiner phases = new StringJoiner(", ", "  time: ", "");
    r.phaseTimes().forEach((k, v) -> phases.add(String.format("%s %.1f s", k, seconds(v))));
    sb.append(phases);
    return sb.toString();
  }

  static String toJson(ConformResult r) {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"as_of\":").append(r.asOf() == null ? "null" : "\"" + r.asOf() + "\"");
    sb.append(",\"seconds\":").append(String.format(java.util.Locale.ROOT, "%.3f", seconds(r.elapsed())));
    sb.append(",\"bronze_rows\":").append(longs(r.bronzeRows()));
    sb.append(",\"silver_rows\":").append(longs(r.silverRows()));
    sb.append(",\"persons\":").append(r.persons());
    sb.append(",\"linked_cookies\":").append(r.linkedCookies());
    sb.append(",\"identity_rounds\":").append(r.identityRounds());
    sb.append(",\"duplicate_order_lines\":").append(r.duplicateOrderLines());
    sb.append(",\"unresolved_orders\":").append(r.unresolvedOrders());
    sb.append(",\"unlinked_survey_responses\":").append(r.unlinkedSurveyResponses());
    sb.append(",\"bot_requests\":").append(r.logBotRequests());
    sb.append(",\"bot_events\":").append(r.eventBotEvents());
    sb.append(",\"static_assets\":").append(r.staticAssets());
    StringJoiner phases = new StringJoiner(",", "{", "}");
    r.phaseTimes().forEach((k, v) -> phases.add("\"" + k + "\":" + String.format(java.util.Locale.ROOT, "%.3f", seconds(v))));
    sb.append(",\"phase_seconds\":").append(phases);
    return sb.append('}').toString();
  }

  private static String longs(Map<String, Long> m) {
    StringJoiner j = new StringJoiner(",", "{", "}");
    m.forEach((k, v) -> j.add("\"" + k + "\":" + v));
    return j.toString();
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
