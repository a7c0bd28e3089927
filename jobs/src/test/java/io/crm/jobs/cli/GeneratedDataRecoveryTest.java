package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `crm generate` data taken through ingest -> conform -> clv with the commands a user runs: the
 * BG/NBD and Gamma-Gamma parameters the pipeline fits must recover the ones in _truth.json
 * within three of their standard errors.
 *
 * <p>Only the transactions source is ingested (the models see orders only; the web sources would
 * triple the runtime without touching the fit). At 30,000 customers the Gamma-Gamma check has
 * power to spare (net amounts that were not Gamma-Gamma put p 25 standard errors off at 100,000
 * customers, about 14 here), while a BG/NBD bias of the size the old yearly time change caused
 * (a at -4 SE at 100,000) shows here at about -2 SE only; the two properties that remove that bias
 * are asserted exactly in the generator's own tests (PurchaseProcessTest), and the 100,000-customer
 * recovery is in the project notes.
 */
class GeneratedDataRecoveryTest {
  private static final int CUSTOMERS = 30_000;
  private static final long SEED = 20_251_231L;
  private static final double MAX_STANDARD_ERRORS = 3.0;

  @TempDir Path home;


  @Test
  void fittedParametersRecoverTheTruthWithinThreeStandardErrors() throws Exception {
    String dir = home.toString();
    CrmRun.ok("generate", "--home", dir, "--customers", Integer.toString(CUSTOMERS), "--seed", Long.toString(SEED));
    JsonNode truth = new ObjectMapper().readTree(home.resolve("landing/_truth.json").toFile());
    LocalDate asOf = LocalDate.parse(truth.path("generator").path("end_exclusive").asText()).minusDays(1);
    CrmRun.ok("ingest", "--home", dir, "--source", "transactions");
    CrmRun.ok("conform", "--home", dir);
    CrmRun.ok("clv", "--home", dir, "--as-of", asOf.toString());
    CrmRun.ok("serve", "--home", dir);

    JsonNode process = truth.path("purchase_process");
    assertEquals("day", process.path("time_unit").asText());
    JsonNode spend = truth.path("spend");
    List<String> report = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("crm.duckdb"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT model, time_unit, customers, "
                + "params['r'], standard_errors['r'], params['alpha'], standard_errors['alpha'], "
                + "params['a'], standard_errors['a'], params['b'], standard_errors['b'], "
                + "spend_params['p'], spend_standard_errors['p'], spend_params['q'], spend_standard_errors['q'], "
                + "spend_params['v'], spend_standard_errors['v'] FROM gold.clv_models")) {
      assertTrue(rs.next(), "clv_models has a row");
      assertEquals("bgnbd", rs.getString(1));
      // lambda per day ~ Gamma(r, alpha) means lambda per model unit ~ Gamma(r, alpha / days per unit)
      double daysPerUnit = switch (rs.getString(2)) {
        case "day" -> 1;
        case "week" -> 7;
        default -> throw new AssertionError("unexpected model unit " + rs.getString(2));
      };
      assertTrue(rs.getLong(3) > 0.99 * CUSTOMERS, "customers in the fit: " + rs.getLong(3));
      check("r", process.path("r").asDouble(), rs.getDouble(4), rs.getDouble(5), report, failures);
      check("alpha", process.path("alpha").asDouble() / daysPerUnit, rs.getDouble(6), rs.getDouble(7), report, failures);
      check("a", process.path("a").asDouble(), rs.getDouble(8), rs.getDouble(9), report, failures);
      check("b", process.path("b").asDouble(), rs.getDouble(10), rs.getDouble(11), report, failures);
      check("p", spend.path("p").asDouble(), rs.getDouble(12), rs.getDouble(13), report, failures);
      check("q", spend.path("q").asDouble(), rs.getDouble(14), rs.getDouble(15), report, failures);
      check("gamma", spend.path("gamma").asDouble(), rs.getDouble(16), rs.getDouble(17), report, failures);
    }
    System.out.println("recovery on " + CUSTOMERS + " generated customers:\n" + String.join("\n", report));
    assertTrue(failures.isEmpty(), "more than " + MAX_STANDARD_ERRORS + " SE off: " + failures + "\n" + String.join("\n", report));
  }

  private static void check(String name, double truth, double fitted, double se, List<String> report, List<String> failures) {
    assertTrue(se > 0 && Double.isFinite(se), name + ": standard error " + se);
    double z = (fitted - truth) / se;
    String line = String.format(Locale.ROOT, "%-6s fitted %.4f ± %.4f, truth %.4f, z %+.2f", name, fitted, se, truth, z);
    report.add(line);
    if (Math.abs(z) > MAX_STANDARD_ERRORS) {
      failures.add(line);
    }
  }
}
