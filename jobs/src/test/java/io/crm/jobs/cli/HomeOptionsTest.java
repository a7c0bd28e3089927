package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.progress.LogFormat;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** The shared options as every command parses them. */
class HomeOptionsTest {

  private static HomeOptions parse(String... args) {
    ParseResult parsed = Crm.commandLine().parseArgs(args);
    return ((QueryCommand) parsed.subcommand().commandSpec().userObject()).home;
  }

  @Test
  void logFormatIsTextUnlessAskedForJson() {
    assertEquals(LogFormat.TEXT, parse("query", "SELECT 1").logFormat());
    assertEquals(LogFormat.JSON, parse("query", "--log-format", "json", "SELECT 1").logFormat());
    assertEquals(LogFormat.JSON, parse("query", "--log-format", "JSON", "SELECT 1").logFormat());
  }

  @Test
  void anUnknownLogFormatIsAUsageError() {
    CrmRun r = CrmRun.of("serve", "--home", "/nonexistent", "--log-format", "xml");
    assertEquals(ExitCode.USAGE, r.exit());
    assertTrue(r.err().contains("--log-format") && r.err().contains("TEXT, JSON"), r.err());
  }

  @Test
  void aHomeOnHdfsIsRefusedInOneLinePointingToTheWarehouseKey() {
    CrmRun r = CrmRun.of("nightly", "--home", "hdfs://namenode:8020/crm/", "--as-of", "2024-03-30");
    assertEquals(ExitCode.BAD_INPUT, r.exit(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("--home must be a local folder, got 'hdfs://namenode:8020/crm/'")
        && r.err().contains("`warehouse: hdfs://namenode:8020/crm/warehouse` in its crm.yaml"), r.err());
  }

  @Test
  void aFileUriHomeIsTheLocalFolder() {
    assertEquals(java.nio.file.Path.of("/data/crm"), parse("query", "--home", "file:///data/crm", "SELECT 1").home());
    assertEquals(java.nio.file.Path.of("/data/crm"), parse("query", "--home", "/data/./crm", "SELECT 1").home());
  }
}
