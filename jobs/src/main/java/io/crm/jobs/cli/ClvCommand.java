package io.crm.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `crm clv`: customer lifetime value. Subcommand `fit` fits a prepared summary file. */
@Command(
    name = "clv",
    mixinStandardHelpOptions = true,
    description = "Customer lifetime value: BG/NBD or Pareto/NBD purchases, Gamma-Gamma spend.",
    subcommands = {ClvFitCommand.class})
public final class ClvCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing a subcommand: `crm clv fit --summary FILE` (the warehouse job comes later).");
  }
}
