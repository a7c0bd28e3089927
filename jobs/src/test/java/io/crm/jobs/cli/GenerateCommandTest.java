package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir Path home;


  @Test
  void generatesAWorkspaceAndRefusesToOverwriteItWithoutForce() {
    CrmRun first = CrmRun.of("generate", "--home", home.toString(), "--customers", "120", "--seed", "3");
    assertEquals(ExitCode.OK, first.exit(), first.err());
    assertTrue(Files.isRegularFile(home.resolve("crm.yaml")));
    assertTrue(Files.isRegularFile(home.resolve("landing/_truth.json")));
    assertTrue(first.out().contains("100%") && first.out().contains("dirty rows injected"), first.out());

    CrmRun again = CrmRun.of("generate", "--home", home.toString(), "--customers", "120");
    assertEquals(ExitCode.BAD_INPUT, again.exit());
    assertTrue(again.err().contains("--force"), again.err());

    CrmRun forced = CrmRun.of("generate", "--home", home.toString(), "--customers", "120", "--force");
    assertEquals(ExitCode.OK, forced.exit(), forced.err());
  }

  @Test
  void badValuesAreOneLineUserErrors() {
    CrmRun r = CrmRun.of("generate", "--home", home.toString(), "--customers", "-5");
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("-5") && r.err().lines().count() == 1, r.err());
  }
}
