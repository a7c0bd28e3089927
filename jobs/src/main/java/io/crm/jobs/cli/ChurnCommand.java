package io.crm.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `crm churn ...`: churn models; the work is done by the subcommands. */
@Command(
    name = "churn",
    mixinStandardHelpOptions = true,
    description = "Churn models: train and score nightly on the warehouse; evaluate the learners on any labelled CSV.",
    subcommands = {ChurnTrainCommand.class, ChurnScoreCommand.class, ChurnEvaluateCommand.class})
public final class ChurnCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand; see `crm churn --help`.");
  }
}
