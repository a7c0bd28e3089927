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
  void continuesAWorkspaceByDaysAndRefusesNewSettingsOrAMissingWorkspace() {
    CrmRun.ok("generate", "--home", home.toString(), "--customers", "150", "--seed", "4");
    CrmRun r = CrmRun.of("generate", "--home", home.toString(), "--continue-days", "2");
    assertEquals(ExitCode.OK, r.exit(), r.err());
    assertTrue(r.out().contains("2025-12-31") && r.out().contains("2026-01-01"), r.out());
    assertTrue(Files.isRegularFile(home.resolve("landing/transactions/orders-2026-01-01.csv.gz")));
    assertTrue(Files.isRegularFile(home.resolve("landing/contacts_de/kundenstamm-export-2025-12-31.csv")));

    CrmRun mixed = CrmRun.of("generate", "--home", home.toString(), "--continue-days", "1", "--customers", "9");
    assertEquals(ExitCode.USAGE, mixed.exit());
    assertTrue(mixed.err().contains("--customers"), mixed.err());

    CrmRun missing = CrmRun.of("generate", "--home", home.resolve("nothing").toString(), "--continue-days", "1");
    assertEquals(ExitCode.BAD_INPUT, missing.exit());
    assertTrue(missing.err().contains("_truth.json") && missing.err().lines().count() == 1, missing.err());
  }

  @Test
  void badValuesAreOneLineUserErrors() {
    CrmRun r = CrmRun.of("generate", "--home", home.toString(), "--customers", "-5");
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("-5") && r.err().lines().count() == 1, r.err());
  }
}
