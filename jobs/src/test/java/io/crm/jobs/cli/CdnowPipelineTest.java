package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CDNOW purchase log (Fader, Hardie & Lee 2005) configured as a transactions source and
 * taken through ingest -> conform -> clv with the commands a user runs; the fitted models must
 * give the published parameters.
 */
class CdnowPipelineTest {
  @TempDir Path home;


  @Test
  void publishedBgNbdAndGammaGammaParametersFromTheTransactionFile() throws Exception {
    Path landing = Files.createDirectories(home.resolve("landing/cdnow"));
    try (InputStream in = getClass().getResourceAsStream("/cdnow/CDNOW_sample.txt")) {
      Files.copy(in, landing.resolve("CDNOW_sample.txt"));
    }
    Files.writeString(home.resolve("crm.yaml"), String.join("\n",
        "timezone: UTC",
        "currency: USD",
        "sources:",
        "  cdnow:",
        "    kind: transactions",
        "    path: landing/cdnow/CDNOW_sample.txt",
        "    dialect: {delimiter: whitespace, header: false, date_format: yyyyMMdd, timezone: UTC}",
        "    columns: {customer_id: 1, order_ts: 3, quantity: 4, amount: 5}",
        "    defaults: {currency: USD}",
        "clv:",
        "  model: bgnbd",
        "  unit: week",
        ""));
    String ingest = CrmRun.ok("ingest", "--home", home.toString());
    assertTrue(ingest.contains("read 6,919 = loaded 6,919 + quarantined 0"), ingest);
    CrmRun.ok("conform", "--home", home.toString());
    CrmRun.ok("clv", "--home", home.toString(), "--as-of", "1997-09-30");
    CrmRun.ok("serve", "--home", home.toString());

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("crm.duckdb"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT customers, params['r'], params['alpha'], params['a'], params['b'], log_likelihood, "
                + "spend_customers, spend_params['p'], spend_params['q'], spend_params['v'] FROM gold.clv_models")) {
      assertTrue(rs.next());
      assertEquals(2357, rs.getLong(1));
      assertClose(0.2426, rs.getDouble(2));
      assertClose(4.4136, rs.getDouble(3));
      assertClose(0.7929, rs.getDouble(4));
      assertClose(2.4259, rs.getDouble(5));
      assertEquals(-9582.43, rs.getDouble(6), 0.05);
      assertEquals(946, rs.getLong(7));
      assertClose(6.25, rs.getDouble(8));
      assertClose(3.74, rs.getDouble(9));
      assertClose(15.44, rs.getDouble(10));
    }

    // a backtest over the 39-week holdout prints the weekly tracking and leaves the night's gold alone
    List<String> goldBefore = versions(home.resolve("warehouse/gold/clv"));
    CrmRun early = CrmRun.of("clv", "--home", home.toString(), "--as-of", "1997-09-30", "--holdout-until", "1997-09-01");
    assertEquals(ExitCode.BAD_INPUT, early.exit(), early.err());
    assertTrue(early.err().contains("--holdout-until 1997-09-01 must be after the as_of date 1997-09-30"), early.err());
    String backtest = CrmRun.ok("clv", "--home", home.toString(), "--as-of", "1997-09-30", "--holdout-until", "1998-06-30");
    assertTrue(backtest.contains("gold not written"), backtest);
    assertTrue(backtest.contains("holdout: repeat purchase days per week"), backtest);
    assertEquals(goldBefore, versions(home.resolve("warehouse/gold/clv")));
  }

  private static List<String> versions(Path table) throws IOException {
    try (Stream<Path> s = Files.list(table)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Within 0.5 % of the published figure, as the issue asks. */
  private static void assertClose(double published, double actual) {
    assertEquals(published, actual, 0.005 * published, "published " + published);
  }
}
