package io.crm.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM this test starts: the java of the running JDK, Spark's --add-opens flags, output to a log
 * file. Every child is remembered so that teardown can stop it and the JVMs it started (a worker's
 * executors) whatever happened before.
 */
final class ChildJvm {
  private static final List<ChildJvm> STARTED = new ArrayList<>();

  final String name;
  final Process process;
  final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts `java OPTIONS -cp CLASSPATH MAIN ARGS` in {@code dir}, stdout and stderr to {@code log}. */
  static ChildJvm start(String name, Path dir, Path log, Map<String, String> env, List<String> jvmOptions,
      String classpath, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    // a SPARK_HOME or SPARK_CONF_DIR of the machine must not leak into the cluster under test
    pb.environment().keySet().removeIf(k -> k.startsWith("SPARK_"));
    pb.environment().putAll(env);
    try {
      ChildJvm child = new ChildJvm(name, pb.start(), log);
      synchronized (STARTED) {
        STARTED.add(child);
      }
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + cmd, e);
    }
  }

  /** Waits for the exit code; past the timeout the JVM and its children are killed and the test fails. */
  int await(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      String before = tail(60);
      stop();
      throw new AssertionError(name + " did not finish within " + timeout + "; killed. Its output ended with:\n" + before);
    }
    return process.exitValue();
  }

  /** SIGTERM first so Spark's shutdown hooks stop executors; then SIGKILL for whatever is left. */
  void stop() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** Stops every child still alive, newest first. */
  static void stopAll() {
    List<ChildJvm> all;
    synchronized (STARTED) {
      all = new ArrayList<>(STARTED);
      STARTED.clear();
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).stop();
    }
  }

  /** The last lines of the log, for failure messages. */
  String tail(int lines) {
    return tail(log, lines);
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
