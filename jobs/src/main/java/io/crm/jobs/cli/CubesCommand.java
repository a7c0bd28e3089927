package io.crm.jobs.cli;

import io.crm.analytics.cubes.CubeBuilder;
import io.crm.analytics.cubes.CubeDefinition;
import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.spark.SparkSessions;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `crm cubes`: materialise every cube for an as_of date and refresh crm.duckdb. */
@Command(
    name = "cubes",
    mixinStandardHelpOptions = true,
    description = "Build the OLAP cubes of sql/cubes as of a date (needs `crm segment` for that date) and refresh crm.duckdb.")
public final class CubesCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Mixin AsOfOption asOfOption;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Workspace ws = home.workspace();
    LocalDate asOf = asOfOption.resolve(ws.config().zone());
    SparkSession spark = SparkSessions.getOrCreate("crm cubes");
    CubeBuilder.Result result =
        new CubeBuilder(spark, new SilverTables(spark, ws.silver().toString()), new Snapshots(spark, ws.gold().toString()))
            .run(asOf, CubeDefinition.all(), b -> {
              spec.commandLine().getErr().printf("  cubes: %s done in %.1f s%n", b.cube(), b.seconds());
              spec.commandLine().getErr().flush();
            });
    print(spec.commandLine().getOut(), result);
    DuckDbCatalog.Result catalog = new DuckDbCatalog(ws).refresh();
    spec.commandLine().getOut().printf("%s: %d views%n", catalog.database(), catalog.views().size());
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }

  static void print(PrintWriter out, CubeBuilder.Result result) {
    out.printf("cubes as of %s:%n", result.asOf());
    for (CubeBuilder.Built b : result.cubes()) {
      out.printf("  %-13s %3d grouping sets  %,10d cells  %6.1f s%n", b.cube(), b.groupingSets(), b.cells(), b.seconds());
    }
    out.flush();
  }
}
