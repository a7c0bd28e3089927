package io.crm.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `crm` command: one subcommand per job; see the README for the exit codes. */
@Command(
    name = "crm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Analytical CRM: ingest, conform, segment, score and serve customer data.",
    subcommands = {
      GenerateCommand.class,
      DemoCommand.class,
      NightlyCommand.class,
      BackfillCommand.class,
      RunsCommand.class,
      ScheduleCommand.class,
      SchedulerCommand.class,
      IngestCommand.class,
      ConformCommand.class,
      SegmentCommand.class,
      ChurnCommand.class,
      ClvCommand.class,
      CubesCommand.class,
      ServeCommand.class,
      QueryCommand.class,
      CubeCommand.class,
      ExportCommand.class,
      ReportCommand.class,
      GdprCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Crm implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Crm())
        .setExecutionExceptionHandler(new ErrorHandler())
        .setParameterExceptionHandler(new ErrorHandler())
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command; see `crm --help`.");
  }
}
