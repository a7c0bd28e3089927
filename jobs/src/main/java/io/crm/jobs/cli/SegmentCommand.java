package io.crm.jobs.cli;

import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.segments.SegmentParams;
import io.crm.analytics.segments.Segmentation;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import io.crm.jobs.spark.SparkSessions;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `crm segment`: customer features and segments for one as_of date. */
@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    description = "Build customer_features and segments (RFM, lifecycle, value tier, clusters) as of a date.")
public final class SegmentCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Mixin AsOfOption asOfOption;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Workspace ws = home.workspace();
    SegmentParams params = SegmentParams.fromMap(ws.config().section("segments"));
    LocalDate asOf = asOfOption.resolve(ws.config().zone());
    SparkSession spark = SparkSessions.getOrCreate("crm segment");
    Snapshots gold = new Snapshots(spark, ws.gold().toString());
    CustomerFeatures.Result features =
        new CustomerFeatures(spark, new SilverTables(spark, ws.silver().toString()), gold).run(asOf);
    Segmentation.Result segments = new Segmentation(gold, params).run(asOf);
    print(spec.commandLine().getOut(), features, segments);
    return ExitCode.OK;
  }

  static void print(PrintWriter out, CustomerFeatures.Result features, Segmentation.Result r) {
    out.printf("segments as of %s: %,d customers (snapshot in %s)%n", r.asOf(), features.customers(), r.path());
    printCounts(out, "RFM segment", r.bySegment(), r.customers());
    printCounts(out, "lifecycle stage", r.byLifecycleStage(), r.customers());
    printCounts(out, "value tier", r.byValueTier(), r.customers());
    out.printf("behavioural clusters: k=%d (mean silhouette %.2f)%n", r.clusters(), r.silhouette());
    printCounts(out, "cluster", r.byCluster(), r.customers());
    if (r.previousAsOf() == null) {
      out.println("segment migration: no earlier snapshot to compare with");
    } else {
      out.printf("segment migration since %s (from -> to: customers, moves only):%n", r.previousAsOf());
      r.migration().stream()
          .filter(m -> !m.fromSegment().equals(m.toSegment()))
          .sorted((a, b) -> Long.compare(b.customers(), a.customers()))
          .limit(12)
          .forEach(m -> out.printf("  %-22s -> %-22s %,8d%n", m.fromSegment(), m.toSegment(), m.customers()));
    }
    out.flush();
  }

  private static void printCounts(PrintWriter out, String title, Map<String, Long> counts, long total) {
    out.printf("  by %s:%n", title);
    counts.forEach((k, v) -> out.printf("    %-48s %,9d  %5.1f%%%n", k, v, 100.0 * v / Math.max(1, total)));
  }
}
