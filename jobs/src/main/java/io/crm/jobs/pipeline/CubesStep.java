package io.crm.jobs.pipeline;

import io.crm.analytics.cubes.CubeBuilder;
import io.crm.analytics.cubes.CubeDefinition;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import io.crm.warehouse.Warehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Materialises every cube of sql/cubes as of a date (needs the segments of that date). */
public final class CubesStep implements Step {
  private final JobContext ctx;

  public CubesStep(JobContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public String name() {
    return "cubes";
  }

  @Override
  public List<String> inputs() {
    return List.of("silver/order_lines", "silver/sessions", "silver/session_customers", "silver/survey_responses",
        "gold/segments", "gold/clv", "gold/churn_scores");
  }

  @Override
  public List<String> outputs() {
    return CubeDefinition.all().stream().map(c -> "gold/cubes/" + c.name()).toList();
  }

  @Override
  public StepResult run(Warehouse warehouse, LocalDate asOf) {
    SparkSession spark = ctx.spark();
    CubeBuilder.Result result = new CubeBuilder(spark, new SilverTables(spark, warehouse), new Snapshots(spark, warehouse))
        .run(asOf, CubeDefinition.all(), b -> ctx.progress(String.format(Locale.ROOT, "cubes: %s done in %.1f s", b.cube(), b.seconds())));
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.printf("cubes as of %s:%n", result.asOf());
    long cells = 0;
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (CubeBuilder.Built b : result.cubes()) {
      out.printf("  %-13s %3d grouping sets  %,10d cells  %6.1f s%n", b.cube(), b.groupingSets(), b.cells(), b.seconds());
      cells += b.cells();
      metrics.put(b.cube() + "_cells", b.cells());
      metrics.put(b.cube() + "_seconds", b.seconds());
    }
    out.flush();
    return new StepResult(text.toString(), -1, cells, 0, metrics);
  }
}
