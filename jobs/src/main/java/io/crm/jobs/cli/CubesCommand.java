package io.crm.jobs.cli;

import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.pipeline.Pipeline;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.crm.jobs.pipeline.CubesStep;

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
    JobContext ctx = home.context(spec);
    new Pipeline(ctx).run("cubes", List.of(new CubesStep(ctx)), asOfOption.resolve(ctx.workspace().config().zone()));
    return ExitCode.OK;
  }
}
