package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every command in the tree answers `--help` with its usage and exit 0. The tree is read from
 * {@link Crm#commandLine()}, so a command added later is covered without touching this test.
 */
class HelpTest {

  @TestFactory
  Stream<DynamicTest> everyCommandAnswersHelp() {
    return commandPaths().stream().map(path -> DynamicTest.dynamicTest("crm " + String.join(" ", path) + " --help", () -> {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CrmRun r = CrmRun.of(args.toArray(String[]::new));
      assertEquals(ExitCode.OK, r.exit(), r.out() + r.err());
      String usage = "Usage: crm" + (path.isEmpty() ? "" : " " + String.join(" ", path)) + " ";
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(usage)), r.out());
      assertEquals("", r.err());
    }));
  }

  @Test
  void theWalkFindsNestedCommands() {
    List<List<String>> paths = commandPaths();
    assertTrue(paths.contains(List.of("churn", "train")), paths.toString());
    assertTrue(paths.contains(List.of("clv", "fit")), paths.toString());
    assertTrue(paths.contains(List.of("ingest")), paths.toString());
  }

  /** The path of names from `crm` to every command, depth first, each command once (aliases skipped). */
  private static List<List<String>> commandPaths() {
    List<List<String>> out = new ArrayList<>();
    walk(Crm.commandLine(), List.of(), out, new IdentityHashMap<>());
    return out;
  }

  private static void walk(CommandLine cmd, List<String> path, List<List<String>> out, Map<CommandLine, Boolean> seen) {
    if (seen.put(cmd, Boolean.TRUE) != null) {
      return;
    }
    out.add(path);
    for (Map.Entry<String, CommandLine> sub : cmd.getSubcommands().entrySet()) {
      List<String> next = new ArrayList<>(path);
      next.add(sub.getKey());
      walk(sub.getValue(), List.copyOf(next), out, seen);
    }
  }
}
