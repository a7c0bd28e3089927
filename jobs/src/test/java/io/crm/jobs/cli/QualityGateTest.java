package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.ledger.RunLedger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-source quality gates of crm.yaml: warn, fail with exit 5, recorded in the run ledger. */
class QualityGateTest {
  private static final String HEADER = "order_id,order_ts,customer_id,quantity,unit_price\n";

  @TempDir Path home;

  private void workspace(String quality) throws Exception {
    Files.writeString(home.resolve("crm.yaml"),
        "timezone: Europe/Berlin\nsources:\n  orders:\n    kind: transactions\n    path: landing/orders/*.csv\n    quality: " + quality + "\n",
        StandardCharsets.UTF_8);
    Files.createDirectories(home.resolve("landing/orders"));
  }

  private void arrive(String name, String rows) throws Exception {
    Files.writeString(home.resolve("landing/orders").resolve(name), HEADER + rows, StandardCharsets.UTF_8);
  }

  private List<RunLedger.Entry> ledger() {
    return new RunLedger(home.resolve("warehouse/_runs")).entries();
  }

  @Test
  void tooMuchQuarantineFailsWithExit5AndIsRecorded() throws Exception {
    workspace("{max_quarantine_share: 0.2, on_fail: fail}");
    arrive("a.csv", "A1,2024-01-01T10:00:00Z,c1,1,10.00\nA2,someday,c1,1,10.00\n");

    CrmRun r = CrmRun.of("ingest", "--home", home.toString());

    assertEquals(ExitCode.GATE_FAILED, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("orders: 50.0 % of 2 rows quarantined (at most 20.0 % allowed)"), r.err());
    RunLedger.Entry last = ledger().get(ledger().size() - 1);
    assertEquals("ingest", last.job());
    assertEquals("gate_failed", last.outcome());
    assertTrue(last.error().contains("50.0 %"), last.error());
  }

  @Test
  void aWarningGateReportsAndTheJobSucceeds() throws Exception {
    workspace("{max_quarantine_share: 0.2}");
    arrive("a.csv", "A1,2024-01-01T10:00:00Z,c1,1,10.00\nA2,someday,c1,1,10.00\n");

    CrmRun r = CrmRun.of("ingest", "--home", home.toString());

    assertEquals(ExitCode.OK, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("quality gate warning: orders: 50.0 %"), r.out());
    assertEquals(List.of("ok"), ledger().stream().map(RunLedger.Entry::outcome).toList());
  }

  @Test
  void aSmallDeliveryAndNoFileAtAllBreakTheirGates() throws Exception {
    workspace("{min_rows_vs_previous: 0.5, require_files: true, on_fail: fail}");
    arrive("a.csv", "A1,2024-01-01T10:00:00Z,c1,1,10.00\nA2,2024-01-01T11:00:00Z,c1,1,10.00\nA3,2024-01-01T12:00:00Z,c1,1,10.00\n");
    CrmRun.ok("ingest", "--home", home.toString());

    arrive("b.csv", "B1,2024-01-02T10:00:00Z,c1,1,10.00\n");
    CrmRun small = CrmRun.of("ingest", "--home", home.toString());
    assertEquals(ExitCode.GATE_FAILED, small.exit(), small.out() + small.err());
    assertTrue(small.err().contains("orders: 1 rows read, below 50 % of the previous ingest's 3"), small.err());

    CrmRun none = CrmRun.of("ingest", "--home", home.toString());
    assertEquals(ExitCode.GATE_FAILED, none.exit(), none.out() + none.err());
    assertTrue(none.err().contains("orders: no new file arrived"), none.err());
  }

  @Test
  void anUnknownGateSettingIsABadInput() throws Exception {
    workspace("{max_quarantine: 0.2}");
    CrmRun r = CrmRun.of("ingest", "--home", home.toString());
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("sources.orders.quality.max_quarantine: unknown key; did you mean 'max_quarantine_share'?"), r.err());
  }
}
