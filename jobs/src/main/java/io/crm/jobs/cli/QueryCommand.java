package io.crm.jobs.cli;

import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.serve.ReadOnlyQuery;
import io.crm.jobs.serve.ResultFormat;
import io.crm.jobs.serve.ResultPrinter;
import io.crm.jobs.workspace.Workspace;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * `crm query`: runs one query on the workspace's DuckDB database. Reads only: anything but a query
 * is refused before it runs, and DuckDB sees no file outside the workspace.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Run SQL on DIR/crm.duckdb: schemas silver, gold (latest snapshots), gold_history, cubes, bronze, quarantine.",
      "Reads only: one SELECT, WITH ... SELECT, FROM ..., VALUES, DESCRIBE, SHOW or SUMMARIZE; anything else",
      "(COPY, ATTACH, SET, PRAGMA, EXPLAIN, ...) is refused with exit 3. Files outside the workspace are not readable.",
      "Example: crm query \"SELECT lifecycle_stage, count(*) FROM gold.segments GROUP BY 1\""
    })
public final class QueryCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SQL", description = "The query.")
  String sql;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  ResultFormat format;

  @Override
  public Integer call() {
    Workspace ws = home.workspace();
    ws.requireLocalWarehouse("crm query");
    if (!Files.isRegularFile(ws.duckdb())) {
      throw new UserException("no " + ws.duckdb() + " yet: run a job (e.g. `crm demo` or `crm serve`) first");
    }
    try (Connection c = DuckDbCatalog.openReadOnly(ws)) {
      ReadOnlyQuery.require(c, sql);
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        ResultPrinter.print(rs, format, spec.commandLine().getOut());
      }
    } catch (SQLException e) {
      throw new UserException("query failed: " + firstLine(e.getMessage()));
    }
    return ExitCode.OK;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
