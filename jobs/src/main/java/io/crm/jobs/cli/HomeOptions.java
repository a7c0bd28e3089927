package io.crm.jobs.cli;

import io.crm.jobs.pipeline.JobContext;
import io.crm.jobs.progress.LogFormat;
import io.crm.jobs.progress.Progress;
import io.crm.jobs.workspace.Workspace;
import picocli.CommandLine.Model.CommandSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Options every job shares: where the workspace is, and how much to say. */
public final class HomeOptions {
  private static final Pattern URI_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://.*");

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Workspace folder (crm.yaml, landing/, warehouse/, ...), local; crm.yaml's warehouse: may put the tables on hdfs:// or s3a://. Default: $CRM_HOME, else the current folder.")
  String home;

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
      return localFolder("--home", home);
    }
    String env = System.getenv("CRM_HOME");
    return localFolder("CRM_HOME", env == null || env.isBlank() ? "." : env);
  }

  /** Whether --home was given on the command line. */
  public boolean given() {
    return home != null;
  }

  /**
   * The home as a local folder. The lock, crm.yaml, landing files and crm.duckdb need a local
   * file system (an OS file lock, DuckDB), so a URI of another file system is refused here,
   * pointing to crm.yaml's {@code warehouse:}, which is the part that may live on HDFS or S3.
   */
  static Path localFolder(String option, String value) {
    Matcher uri = URI_SCHEME.matcher(value);
    if (!uri.matches()) {
      return Path.of(value).toAbsolutePath().normalize();
    }
    if (uri.group(1).equalsIgnoreCase("file")) {
      try {
        return Path.of(new URI(value)).toAbsolutePath().normalize();
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new UserException(option + " is not a valid file:// URI: '" + value + "' (" + e.getMessage() + ")");
      }
    }
    throw new UserException(option + " must be a local folder, got '" + value + "': keep crm.yaml, landing/ and crm.duckdb"
        + " in a local folder and put the warehouse on " + uri.group(1) + " with `warehouse: " + value.replaceAll("/+$", "")
        + "/warehouse` in its crm.yaml");
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
      home = fallback.toString();
    }
    return this;
  }
}
