package io.crm.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.crm.jobs.cli.Crm;
import io.crm.jobs.cli.ExitCode;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The nightly run on a real Spark standalone cluster (issue 10): one generated workspace, copied
 * twice; `crm nightly` runs on one copy in local mode, as the launcher runs it, and on the other
 * through spark-submit against a master and a worker on 127.0.0.1. Both must succeed, the cluster
 * must have done the work, and every silver, gold, gold_history and cube view of the two
 * crm.duckdb files must hold the same rows.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StandaloneClusterIT {
  private static final String AS_OF = "2024-04-29";
  /** Each run takes 2-14 minutes here, depending on what else shares the two cores. */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(25);
  private static final List<String> COMPARED_SCHEMAS = List.of("silver", "gold", "gold_history", "cubes");

  @TempDir static Path tmp;
  private static Path localHome;
  private static Path clusterHome;
  private static StandaloneCluster cluster;
  private static int localExit;
  private static int clusterExit;
  private static ChildJvm localRun;
  private static ChildJvm clusterRun;

  @BeforeAll
  @Timeout(value = 60, unit = TimeUnit.MINUTES) // a backstop: every wait below has its own bound
  static void runNightlyLocallyAndOnTheCluster() throws Exception {
    List<String> opens = flagsOf("crm.spark.jvm.opens");
    assertTrue(opens.size() > 1, "the build passes Spark's --add-opens flags as -Dcrm.spark.jvm.opens (see the parent pom)");
    // every JVM of the test also gets the tests' JIT flags (the quick compiler alone; small data)
    List<String> jvmFlags = new ArrayList<>(opens);
    jvmFlags.addAll(flagsOf("crm.test.jit"));

    Path generated = tmp.resolve("generated");
    StringWriter out = new StringWriter();
    CommandLine crm = Crm.commandLine();
    crm.setOut(new PrintWriter(out));
    crm.setErr(new PrintWriter(out));
    int generate = crm.execute("generate", "--home", generated.toString(), "--customers", "250", "--days", "120", "--seed", "7");
    assertEquals(ExitCode.OK, generate, out.toString());
    // the copies share one secret: gold's customer_key is its keyed hash, so equal gold needs it
    Files.writeString(generated.resolve("secret.key"), "cluster-test-secret-0123456789\n");
    localHome = copy(generated, tmp.resolve("local"));
    clusterHome = copy(generated, tmp.resolve("cluster"));

    SparkDistribution dist = SparkDistribution.create(tmp);
    Instant started = Instant.now();
    List<String> driverJvm = new ArrayList<>(List.of("-Xmx1g", "-Xss16m"));
    driverJvm.addAll(jvmFlags);
    // local mode as ./crm runs it: our jar and its libraries on one classpath, no spark.master
    localRun = ChildJvm.start("local nightly", tmp, tmp.resolve("local-nightly.log"), Map.of(), driverJvm,
        dist.jarsClasspath() + File.pathSeparator + dist.appJar(), Crm.class.getName(), nightly(localHome));

    cluster = StandaloneCluster.start(dist, Files.createDirectories(tmp.resolve("cluster-daemons")), jvmFlags, Duration.ofMinutes(3));
    clusterRun = cluster.submit(tmp.resolve("cluster-nightly.log"), Map.of(
        "spark.executor.extraJavaOptions", String.join(" ", jvmFlags),
        "spark.driver.host", "127.0.0.1",
        "spark.driver.bindAddress", "127.0.0.1",
        "spark.executor.memory", "1g",
        "spark.cores.max", "2",
        "spark.ui.enabled", "false",
        // local mode uses 8 (SparkSessions); the same count keeps row order into the CLV fit equal (see README)
        "spark.sql.shuffle.partitions", "8"),
        nightly(clusterHome));

    localExit = localRun.await(RUN_TIMEOUT);
    System.out.printf("local nightly: exit %d after %d s%n", localExit, Duration.between(started, Instant.now()).toSeconds());
    clusterExit = clusterRun.await(RUN_TIMEOUT);
    System.out.printf("cluster nightly: exit %d after %d s%n", clusterExit, Duration.between(started, Instant.now()).toSeconds());
  }

  @AfterAll
  static void stopEveryJvm() {
    ChildJvm.stopAll();
  }

  private static List<String> nightly(Path home) {
    return List.of("nightly", "--home", home.toString(), "--as-of", AS_OF);
  }

  @Test
  void bothRunsSucceed() {
    assertEquals(ExitCode.OK, localExit, "local nightly:\n" + localRun.tail(60));
    assertEquals(ExitCode.OK, clusterExit, "cluster nightly:\n" + clusterRun.tail(60));
  }

  /**
   * The submission ran as an application of the master, and its tasks ran in an executor of the
   * worker, which had to fetch our classes from the driver because SPARK_HOME/jars lacks them.
   */
  @Test
  void theClusterDidTheWork() throws Exception {
    JsonNode apps = completedApps(Duration.ofSeconds(60));
    assertEquals(1, apps.size(), apps.toString());
    assertEquals("FINISHED", apps.get(0).path("state").asText(), apps.toString());
    String appId = apps.get(0).path("id").asText();

    Path appDir = cluster.workDir().resolve(appId);
    assertTrue(Files.isDirectory(appDir), "the worker ran executors for " + appId + " in " + appDir);
    long finishedTasks = 0;
    boolean fetchedOurJar = false;
    try (Stream<Path> executors = Files.list(appDir)) {
      for (Path executor : executors.toList()) {
        Path log = executor.resolve("stderr");
        if (!Files.exists(log)) {
          continue;
        }
        for (String line : Files.readAllLines(log)) {
          finishedTasks += line.contains("Finished task") ? 1 : 0;
          fetchedOurJar |= line.contains("Fetching") && line.contains(SparkDistribution.APP_JAR);
        }
      }
    }
    assertTrue(fetchedOurJar, "an executor fetched " + SparkDistribution.APP_JAR + " from the driver");
    assertTrue(finishedTasks > 100, "executors finished the nightly's tasks: " + finishedTasks);
  }

  /** The master lists an application as completed once its driver has stopped; that takes a moment. */
  private static JsonNode completedApps(Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode apps = cluster.state().path("completedapps");
    while (apps.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      apps = cluster.state().path("completedapps");
    }
    return apps;
  }

  @Test
  void everyServedViewHasTheSameRowsInBothWorkspaces() throws SQLException {
    Map<String, List<String>> local = views(localHome);
    Map<String, List<String>> onCluster = views(clusterHome);
    assertEquals(local.keySet(), onCluster.keySet(), "the same views in both crm.duckdb files");
    for (String schema : COMPARED_SCHEMAS) {
      long rows = local.entrySet().stream().filter(e -> e.getKey().startsWith(schema + "."))
          .mapToLong(e -> e.getValue().size()).sum();
      assertTrue(rows > 0, "schema " + schema + " has views with rows: " + local.keySet());
    }
    List<String> differing = new ArrayList<>();
    for (String view : local.keySet()) {
      if (!local.get(view).equals(onCluster.get(view))) {
        differing.add(view + " " + difference(local.get(view), onCluster.get(view)));
      }
    }
    assertTrue(differing.isEmpty(), "views that differ between local mode and the cluster:\n" + String.join("\n", differing));
  }

  /**
   * Columns that record when or how long this run computed rather than what it computed; they
   * differ between any two runs.
   */
  private static boolean isRunMetadata(String column) {
    return column.endsWith("_seconds")
        || Set.of("computed_at", "trained_at", "_ingested_at", "_run_id", "run_id").contains(column);
  }

  /** Every view of the compared schemas as its rows, each row rendered as text, sorted. */
  private static Map<String, List<String>> views(Path home) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    Map<String, List<String>> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("crm.duckdb"), readOnly);
        Statement st = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal "
          + "AND schema_name IN ('" + String.join("', '", COMPARED_SCHEMAS) + "')")) {
        while (rs.next()) {
          names.add(rs.getString(1) + ".\"" + rs.getString(2).replace("\"", "\"\"") + "\"");
        }
      }
      for (String view : names) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + view)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              if (!isRunMetadata(md.getColumnName(i))) {
                // a path inside the workspace names the same file in both copies
                row.append(md.getColumnName(i)).append('=')
                    .append(String.valueOf(rs.getObject(i)).replace(home.toString(), "$HOME")).append(" | ");
              }
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        out.put(view.replace("\"", ""), rows);
      }
    }
    return out;
  }

  /** Row counts and a few rows found on one side only. */
  private static String difference(List<String> local, List<String> onCluster) {
    Set<String> onlyLocal = new TreeSet<>(local);
    onlyLocal.removeAll(onCluster);
    Set<String> onlyCluster = new TreeSet<>(onCluster);
    onlyCluster.removeAll(local);
    return local.size() + " rows local, " + onCluster.size() + " on the cluster; only local: "
        + onlyLocal.stream().limit(3).toList() + "; only on the cluster: " + onlyCluster.stream().limit(3).toList();
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }

  /** The JVM flags the build passes in a system property, separated by blanks (none when unset). */
  private static List<String> flagsOf(String property) {
    return Arrays.stream(System.getProperty(property, "").trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
  }
}
