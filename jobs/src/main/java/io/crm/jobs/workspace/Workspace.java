package io.crm.jobs.workspace;

import io.crm.jobs.cli.UserException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder a run reads and writes (DESIGN.md, "The workspace"). Knows the layout, nothing
 * about what is inside the tables.
 */
public final class Workspace {
  public static final String CONFIG_FILE = "crm.yaml";

  private final Path home;
  private final CrmConfig config;

  private Workspace(Path home, CrmConfig config) {
    this.home = home;
    this.config = config;
  }

  /** Opens an existing workspace: the folder must hold a readable crm.yaml. */
  public static Workspace open(Path home) {
    Path file = home.resolve(CONFIG_FILE);
    if (!Files.isDirectory(home)) {
      throw new UserException("workspace " + home + " does not exist (give --home DIR or set CRM_HOME)");
    }
    if (!Files.isRegularFile(file)) {
      throw new UserException("no " + CONFIG_FILE + " in " + home + " (run `crm generate --home " + home + "` for a sample workspace)");
    }
    return new Workspace(home, CrmConfig.load(file));
  }

  public Path home() {
    return home;
  }

  public CrmConfig config() {
    return config;
  }

  public Path landing() {
    return home.resolve("landing");
  }

  public Path warehouse() {
    return home.resolve("warehouse");
  }

  public Path quarantine() {
    return warehouse().resolve("quarantine");
  }

  public Path runs() {
    return warehouse().resolve("_runs");
  }

  public Path duckdb() {
    return home.resolve("crm.duckdb");
  }

  public Path exports() {
    return home.resolve("exports");
  }

  public Path reports() {
    return home.resolve("reports");
  }
}
