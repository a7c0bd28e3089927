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
}
