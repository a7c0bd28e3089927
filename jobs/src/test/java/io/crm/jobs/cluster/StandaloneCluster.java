package io.crm.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone master and one worker (2 cores, 2 GB) on 127.0.0.1, each its own JVM from
 * the jars of a {@link SparkDistribution}, as DESIGN.md ("Verified on this machine") describes.
 */
final class StandaloneCluster {
  private static final ObjectMapper JSON = new ObjectMapper();

  final SparkDistribution dist;
  final Path dir;
  /** Options of every JVM it starts: Spark's --add-opens flags and the tests' JIT flags. */
  final List<String> jvmFlags;
  final int masterPort;
  final int webUiPort;
  final ChildJvm master;
  final ChildJvm worker;

  private StandaloneCluster(SparkDistribution dist, Path dir, List<String> jvmFlags) throws IOException {
    this.dist = dist;
    this.dir = dir;
    this.jvmFlags = jvmFlags;
    this.masterPort = freePort();
    this.webUiPort = freePort();
    Files.createDirectories(workDir());
    // no REST submission server: it would take the fixed port 6066 of this shared machine
    master = daemon("master", "org.apache.spark.deploy.master.Master", List.of("-Dspark.master.rest.enabled=false"),
        List.of("--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(webUiPort)));
    worker = daemon("worker", "org.apache.spark.deploy.worker.Worker", List.of(),
        List.of("--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--webui-port", "0",
            "--work-dir", workDir().toString(), masterUrl()));
  }

  /** Starts both daemons and returns once the worker has registered with the master. */
  static StandaloneCluster start(SparkDistribution dist, Path dir, List<String> jvmFlags, Duration timeout)
      throws IOException, InterruptedException {
    StandaloneCluster cluster = new StandaloneCluster(dist, dir, jvmFlags);
    cluster.awaitWorker(timeout);
    return cluster;
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** Where the worker runs executors: {@code <app id>/<executor id>/stderr} is an executor's log. */
  Path workDir() {
    return dir.resolve("work");
  }

  /**
   * Starts `spark-submit --deploy-mode client` of our app jar with {@code args}: SparkSubmit in
   * its own JVM is the driver, the worker starts the executors.
   */
  ChildJvm submit(Path log, Map<String, String> conf, List<String> args) {
    List<String> argv = new ArrayList<>(List.of("--master", masterUrl(), "--deploy-mode", "client",
        "--class", io.crm.jobs.cli.Crm.class.getName()));
    conf.forEach((k, v) -> {
      argv.add("--conf");
      argv.add(k + "=" + v);
    });
    argv.add(dist.appJar().toString());
    argv.addAll(args);
    // in client mode this JVM is the driver, so its options are set here, not by spark.driver.*
    List<String> driver = jvm("-Xmx1g");
    driver.add("-Xss16m");
    return ChildJvm.start("spark-submit", dir, log, env(), driver, dist.jarsClasspath(),
        "org.apache.spark.deploy.SparkSubmit", argv);
  }

  /** The master's view of the cluster, from its JSON page (loopback only). */
  JsonNode state() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUiPort + "/json/"))
        .timeout(Duration.ofSeconds(5)).build();
    return JSON.readTree(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
  }

  private void awaitWorker(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String last = "no answer yet";
    while (Instant.now().isBefore(deadline)) {
      for (ChildJvm daemon : List.of(master, worker)) {
        if (!daemon.process.isAlive()) {
          throw new AssertionError(daemon.name + " exited with " + daemon.process.exitValue() + ":\n" + daemon.tail(40));
        }
      }
      try {
        JsonNode s = state();
        if ("ALIVE".equals(s.path("status").asText()) && s.path("aliveworkers").asInt() >= 1) {
          return;
        }
        last = s.toString();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no worker registered within " + timeout + "; master said: " + last
        + "\nmaster log:\n" + master.tail(20) + "\nworker log:\n" + worker.tail(20));
  }

  private ChildJvm daemon(String name, String mainClass, List<String> properties, List<String> args) {
    List<String> options = jvm("-Xmx512m");
    options.addAll(properties);
    return ChildJvm.start(name, dir, dir.resolve(name + ".log"), env(), options, dist.jarsClasspath(), mainClass, args);
  }

  private List<String> jvm(String heap) {
    List<String> options = new ArrayList<>(List.of(heap));
    options.addAll(jvmFlags);
    return options;
  }

  /** The worker finds its jars through SPARK_HOME; without SPARK_SCALA_VERSION executors do not start. */
  private Map<String, String> env() {
    return Map.of(
        "SPARK_HOME", dist.sparkHome().toString(),
        "SPARK_SCALA_VERSION", "2.13",
        "SPARK_LOCAL_IP", "127.0.0.1");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
