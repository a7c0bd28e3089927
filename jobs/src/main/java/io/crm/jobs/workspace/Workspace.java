package io.crm.jobs.workspace;

import io.crm.jobs.cli.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The folder a run reads and writes (DESIGN.md, "The workspace"). Knows the layout, nothing
 * about what is inside the tables. The home is always a local folder; the warehouse is under it
 * unless crm.yaml puts it elsewhere ({@link WarehouseLocation}), e.g. on HDFS.
 */
public final class Workspace {
  public static final String CONFIG_FILE = "crm.yaml";

  private final Path home;
  private final CrmConfig config;
  private final WarehouseLocation warehouse;

  private Workspace(Path home, CrmConfig config) {
    this.home = home;
    this.config = config;
    this.warehouse = WarehouseLocation.of(home, config);
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

  /** The warehouse root: an absolute local path, or a URI such as hdfs://namenode:8020/crm/warehouse. */
  public String warehouse() {
    return warehouse.root();
  }

  /** The warehouse as a local folder, empty when it is on another file system (HDFS, S3). */
  public Optional<Path> localWarehouse() {
    return warehouse.local();
  }

  /**
   * The local warehouse folder for the commands that read it through DuckDB, which cannot read
   * {@code hdfs://}; a user error naming {@code what} otherwise.
   */
  public Path requireLocalWarehouse(String what) {
    return warehouse.local().orElseThrow(() -> new UserException(what + " needs the warehouse on a local file system, but "
        + config.file() + " puts it on " + warehouse.root() + ", which DuckDB cannot read (query it with Spark instead)"));
  }

  /** The run ledgers ({@code jobs.jsonl}, {@code ingest/}, {@code exports.jsonl}): they live with the warehouse. */
  public String runs() {
    return warehouse.root() + "/_runs";
  }

  /**
   * The Hadoop settings for reaching the warehouse outside a Spark job: the running Spark
   * session's (so {@code spark.hadoop.*} settings such as S3 credentials apply) if there is one,
   * else the core-site.xml and hdfs-site.xml on the classpath.
   */
  public Configuration hadoopConf() {
    scala.Option<SparkSession> spark = SparkSession.getActiveSession();
    if (spark.isEmpty()) {
      spark = SparkSession.getDefaultSession();
    }
    return spark.isDefined() ? spark.get().sparkContext().hadoopConfiguration() : new Configuration();
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
