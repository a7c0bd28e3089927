package io.crm.jobs.pipeline;

import io.crm.analytics.features.CustomerFeatures;
import io.crm.analytics.segments.SegmentParams;
import io.crm.analytics.segments.Segmentation;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import io.crm.warehouse.Warehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Gold customer_features and segments (RFM, lifecycle, value tier, clusters) and the migration matrix. */
public final class SegmentStep implements Step {
  private final JobContext ctx;

  public SegmentStep(JobContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public String name() {
    return "segment";
  }

  @Override
  public List<String> inputs() {
    return List.of("silver/customers", "silver/orders", "silver/order_lines", "silver/sessions", "silver/page_views",
        "silver/session_customers", "silver/contacts", "silver/survey_responses");
  }

  @Override
  public List<String> outputs() {
    return List.of("gold/customer_features", "gold/segments", "gold/segment_migration");
  }

  @Override
  public StepResult run(Warehouse warehouse, LocalDate asOf) {
    SegmentParams params = SegmentParams.fromMap(ctx.workspace().config().section("segments"));
    SparkSession spark = ctx.spark();
    Snapshots gold = new Snapshots(spark, warehouse);
    CustomerFeatures.Result features = new CustomerFeatures(spark, new SilverTables(spark, warehouse), gold).run(asOf);
    Segmentation.Result segments = new Segmentation(gold, params).run(asOf);
    StringWriter text = new StringWriter();
    print(new PrintWriter(text), features, segments);
    return new StepResult(text.toString(), features.customers(), segments.customers(), 0,
        Map.of("clusters", segments.clusters(), "silhouette", segments.silhouette()));
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
