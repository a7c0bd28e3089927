package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
  @TempDir Path home;

  private record Run(int exit, String out, String err) {}

  private static Run crm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Crm.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void generatesAWorkspaceAndRefusesToOverwriteItWithoutForce() {
    Run first = crm("generate", "--home", home.toString(), "--customers", "120", "--seed", "3");
    assertEquals(ExitCode.OK, first.exit(), first.err());
    assertTrue(Files.isRegularFile(home.resolve("crm.yaml")));
    assertTrue(Files.isRegularFile(home.resolve("landing/_truth.json")));
    assertTrue(first.out().contains("100%") && first.out().contains("dirty rows injected"), first.out());

    Run again = crm("generate", "--home", home.toString(), "--customers", "120");
    assertEquals(ExitCode.BAD_INPUT, again.exit());
    assertTrue(again.err().contains("--force"), again.err());

    Run forced = crm("generate", "--home", home.toString(), "--customers", "120", "--force");
    assertEquals(ExitCode.OK, forced.exit(), forced.err());
  }

  @Test
  void badValuesAreOneLineUserErrors() {
    Run r = crm("generate", "--home", home.toString(), "--customers", "-5");
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("-5") && r.err().lines().count() == 1, r.err());
  }
}
