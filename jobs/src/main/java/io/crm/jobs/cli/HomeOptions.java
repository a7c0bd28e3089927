package io.crm.jobs.cli;

import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.progress.LogFormat;
import io.crm.jobs.progress.Progress;
import io.crm.jobs.workspace.Workspace;
import picocli.CommandLine.Model.CommandSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every job shares: where the workspace is, and how much to say. */
public final class HomeOptions {

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Workspace folder (crm.yaml, landing/, warehouse/, ...). Default: $CRM_HOME, else the current folder.")
  Path home;

  @Option(names = "--verbose", description = "Print stack traces and Spark's warnings.")
  boolean verbose;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Progress on stderr: text (job lines and a Spark stage bar on a terminal, nothing otherwise) or json (one object per event). Default: ${DEFAULT-VALUE}.")
  LogFormat logFormat;

  /** The workspace folder, resolved against $CRM_HOME and the current folder. */
  public Path home() {
    if (home != null) {
      return home.toAbsolutePath().normalize();
    }
    String env = System.getenv("CRM_HOME");
    return Path.of(env == null || env.isBlank() ? "." : env).toAbsolutePath().normalize();
  }

  public boolean verbose() {
    return verbose;
  }

  public LogFormat logFormat() {
    return logFormat == null ? LogFormat.TEXT : logFormat;
  }

  /** A progress reporter for this command's console, in the chosen format. */
  public Progress progress() {
    return Progress.forConsole(logFormat());
  }

  /** Opens the workspace and reads its crm.yaml; a missing or broken file is a user error. */
  public Workspace workspace() {
    return Workspace.open(home());
  }

  /** The workspace and the command's console streams, for the steps of a pipeline. */
  public JobContext context(CommandSpec spec) {
    return new JobContext(workspace(), spec.commandLine().getOut(), spec.commandLine().getErr(), verbose, progress());
  }

  /** Like {@link #workspace()} for the `home` given explicitly (demo uses its own default). */
  public HomeOptions withDefault(Path fallback) {
    if (home == null) {
      home = fallback;
    }
    return this;
  }
}
