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
import io.crm.jobs.pipeline.SegmentStep;

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
    JobContext ctx = home.context(spec);
    new Pipeline(ctx).run("segment", List.of(new SegmentStep(ctx)), asOfOption.resolve(ctx.workspace().config().zone()));
    return ExitCode.OK;
  }
}
