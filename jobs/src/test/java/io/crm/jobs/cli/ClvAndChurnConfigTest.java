package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `crm clv` and `crm churn train|score` refuse bad settings in crm.yaml with one line and exit 3. */
class ClvAndChurnConfigTest {
  @TempDir Path dir;

  private String[] run(String yaml, String... args) throws IOException {
    Files.writeString(dir.resolve("crm.yaml"), yaml);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cmd = Crm.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new String[] {Integer.toString(exit), out.toString(), err.toString()};
  }

  @Test
  void clvHorizonWithoutAUnitIsRefused() throws IOException {
    String[] r = run("timezone: UTC\nclv: {horizon: 52}\n", "clv", "--home", dir.toString(), "--as-of", "2024-12-31");
    assertEquals("3", r[0], r[2]);
    assertTrue(r[2].contains("clv.horizon must name its unit"), r[2]);
  }

  @Test
  void clvDiscountRateWithoutAPeriodIsRefused() throws IOException {
    String[] r = run("timezone: UTC\nclv: {discount_rate: 0.1}\n", "clv", "--home", dir.toString(), "--as-of", "2024-12-31");
    assertEquals("3", r[0], r[2]);
    assertTrue(r[2].contains("clv.discount_rate must name its period"), r[2]);
  }

  @Test
  void churnRiskBandsOutOfOrderAreRefused() throws IOException {
    String yaml = "timezone: UTC\nchurn: {risk_bands: {medium: 0.8, high: 0.5}}\n";
    for (String sub : new String[] {"train", "score"}) {
      String[] r = run(yaml, "churn", sub, "--home", dir.toString(), "--as-of", "2024-12-31");
      assertEquals("3", r[0], r[2]);
      assertTrue(r[2].contains("medium=0.8, high=0.5"), r[2]);
    }
  }
}
