package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `crm clv` and `crm churn train|score` refuse bad settings in crm.yaml with one line and exit 3. */
class ClvAndChurnConfigTest {
  @TempDir Path dir;

  private CrmRun run(String yaml, String... args) throws IOException {
    Files.writeString(dir.resolve("crm.yaml"), yaml);
    return CrmRun.of(args);
  }

  @Test
  void clvHorizonWithoutAUnitIsRefused() throws IOException {
    CrmRun r = run("timezone: UTC\nclv: {horizon: 52}\n", "clv", "--home", dir.toString(), "--as-of", "2024-12-31");
    assertEquals(3, r.exit(), r.err());
    assertTrue(r.err().contains("clv.horizon must name its unit"), r.err());
  }

  @Test
  void clvDiscountRateWithoutAPeriodIsRefused() throws IOException {
    CrmRun r = run("timezone: UTC\nclv: {discount_rate: 0.1}\n", "clv", "--home", dir.toString(), "--as-of", "2024-12-31");
    assertEquals(3, r.exit(), r.err());
    assertTrue(r.err().contains("clv.discount_rate must name its period"), r.err());
  }

  @Test
  void churnRiskBandsOutOfOrderAreRefused() throws IOException {
    String yaml = "timezone: UTC\nchurn: {risk_bands: {medium: 0.8, high: 0.5}}\n";
    for (String sub : new String[] {"train", "score"}) {
      CrmRun r = run(yaml, "churn", sub, "--home", dir.toString(), "--as-of", "2024-12-31");
      assertEquals(3, r.exit(), r.err());
      assertTrue(r.err().contains("medium=0.8, high=0.5"), r.err());
    }
  }
}
