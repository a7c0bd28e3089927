package io.crm.jobs.cli;

import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import io.crm.jobs.workspace.WorkspaceLock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `crm serve`: re-creates the DuckDB views over the warehouse. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Refresh DIR/crm.duckdb: views over every silver, gold, cube, bronze and quarantine table.")
public final class ServeCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Workspace ws = home.workspace();
    DuckDbCatalog.Result result;
    try (WorkspaceLock lock = WorkspaceLock.acquire(ws.home(), "serve")) {
      result = new DuckDbCatalog(ws).refresh();
    }
    spec.commandLine().getOut().printf("%s: %d views (%s)%n", result.database(), result.views().size(), String.join(", ", result.views()));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
