package io.crm.jobs.cli;

import io.crm.analytics.cubes.CubeDefinition;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.serve.CubeQuery;
import io.crm.jobs.serve.ResultFormat;
import io.crm.jobs.serve.ResultPrinter;
import io.crm.jobs.workspace.Workspace;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `crm cube NAME`: slice, dice and drill a materialised cube. */
@Command(
    name = "cube",
    mixinStandardHelpOptions = true,
    description = {
      "Slice a cube (sales, web, customers, satisfaction) of the latest build.",
      "Example: crm cube sales --by year,channel --measures revenue,orders --where country=DE --drill date"
    })
public final class CubeCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The cube.")
  String name;

  @Option(names = "--by", split = ",", paramLabel = "DIM", description = "Levels to show, e.g. year,country.")
  List<String> by = new ArrayList<>();

  @Option(names = "--measures", split = ",", paramLabel = "M", description = "Measures to show (default: all).")
  List<String> measures = new ArrayList<>();

  @Option(names = "--where", paramLabel = "DIM=VALUE", description = "Keep only cells where a level has a value; repeatable.")
  Map<String, String> where = new LinkedHashMap<>();

  @Option(names = "--drill", paramLabel = "DIM", description = "Go one level deeper in this hierarchy (e.g. date: year -> quarter).")
  String drill;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  ResultFormat format;

  @Option(names = "--list", description = "List the cube's dimensions and measures instead.")
  boolean list;

  @Override
  public Integer call() {
    CubeDefinition cube = CubeDefinition.named(name);
    if (list) {
      var out = spec.commandLine().getOut();
      out.printf("%s: %s%n", cube.name(), cube.description());
      cube.hierarchies().forEach(h -> out.printf("  dimension %-15s %s%n", h.name(), String.join(" > ", h.levels())));
      out.printf("  measures  %s%n", String.join(", ", cube.measures().keySet()));
      out.printf("  derived   %s%n", String.join(", ", cube.derived().keySet()));
      out.flush();
      return ExitCode.OK;
    }
    CubeQuery query = new CubeQuery(cube, by, measures, where, drill);
    Workspace ws = home.workspace();
    ws.requireLocalWarehouse("crm cube");
    if (!Files.isRegularFile(ws.duckdb())) {
      throw new UserException("no " + ws.duckdb() + " yet: build the cubes first (`crm cubes` or `crm demo`)");
    }
    try (Connection c = DuckDbCatalog.openReadOnly(ws);
        PreparedStatement st = c.prepareStatement(query.sql())) {
      List<String> params = query.parameters();
      for (int i = 0; i < params.size(); i++) {
        st.setString(i + 1, params.get(i));
      }
      try (ResultSet rs = st.executeQuery()) {
        ResultPrinter.print(rs, format, spec.commandLine().getOut());
      }
    } catch (SQLException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
      if (msg.contains("cubes")) {
        throw new UserException("cube " + cube.name() + " is not built in " + ws.home() + " yet (`crm cubes`): " + msg);
      }
      throw new UserException("cube query failed: " + msg);
    }
    return ExitCode.OK;
  }
}
