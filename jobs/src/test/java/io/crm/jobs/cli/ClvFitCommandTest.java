package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `crm clv fit --summary FILE` end to end on a small summary file written by the test. */
class ClvFitCommandTest {

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Crm.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * A summary in the BTYD notation (ID, x, t_x, T, zbar) with 400 customers: a quarter never came
   * back, the others bought 1-6 times, some recently and some long ago, spending 10-60 each time.
   */
  private Path summaryFile(boolean withMonetary) throws IOException {
    StringBuilder sb = new StringBuilder(withMonetary ? "ID,x,t_x,T,zbar\n" : "customer_id,frequency,recency,T\n");
    for (int i = 0; i < 400; i++) {
      int x = i % 4 == 0 ? 0 : 1 + (i * 7) % 6;
      double T = 20 + (i % 20);
      double tx = x == 0 ? 0 : Math.round(T * ((i * 13) % 10 + 0.5) / 10.5 * 100) / 100.0;
      sb.append(i + 1).append(',').append(x).append(',').append(tx).append(',').append(T);
      if (withMonetary) {
        sb.append(',').append(x == 0 ? "0" : String.valueOf(10 + (i * 17) % 50));
      }
      sb.append('\n');
    }
    Path f = dir.resolve(withMonetary ? "with_spend.csv" : "summary.csv");
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void jsonHasTheAgreedShape() throws IOException {
    Run r = run("clv", "fit", "--summary", summaryFile(true).toString(), "--json");
    assertEquals(0, r.exit(), r.err());
    String json = r.out().trim();
    assertTrue(json.startsWith("{\"model\":\"bgnbd\",\"customers\":400,\"params\":{\"r\":"), json);
    assertTrue(json.contains("\"log_likelihood\":-"), json);
    assertTrue(json.matches(".*\"spend\":\\{\"p\":[0-9.Ee-]+,\"q\":[0-9.Ee-]+,\"v\":[0-9.Ee-]+}.*"), json);
    assertTrue(json.contains("\"spend_customers\":300"), json);
  }

  @Test
  void withoutMonetaryValuesThereIsNoSpendAndParetoWorks() throws IOException {
    Run r = run("clv", "fit", "--summary", summaryFile(false).toString(), "--model", "pareto-nbd", "--json");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("{\"model\":\"pareto-nbd\",\"customers\":400,\"params\":{\"r\":"), r.out());
    assertTrue(r.out().contains("\"s\":") && r.out().contains("\"beta\":"), r.out());
    assertFalse(r.out().contains("\"spend\""), r.out());
  }

  @Test
  void humanOutputShowsStandardErrorsLikelihoodAndTime() throws IOException {
    Run r = run("clv", "fit", "--summary", summaryFile(true).toString(), "--unit", "week");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("std. error"), r.out());
    assertTrue(r.out().contains("log-likelihood"), r.out());
    assertTrue(r.out().contains("fit time"), r.out());
    assertTrue(r.out().contains("Gamma-Gamma"), r.out());
  }

  @Test
  void userErrorsExitWithThreeAndOneLine() throws IOException {
    Run missing = run("clv", "fit", "--summary", dir.resolve("nope.csv").toString());
    assertEquals(ExitCode.BAD_INPUT, missing.exit());
    assertTrue(missing.err().contains("nope.csv"), missing.err());
    Run model = run("clv", "fit", "--summary", summaryFile(false).toString(), "--model", "weibull");
    assertEquals(ExitCode.BAD_INPUT, model.exit());
    assertTrue(model.err().contains("weibull"), model.err());
    Path noRepeat = dir.resolve("none.csv");
    Files.writeString(noRepeat, "ID,x,t_x,T\n1,0,0,10\n2,0,0,12\n");
    Run none = run("clv", "fit", "--summary", noRepeat.toString());
    assertEquals(ExitCode.BAD_INPUT, none.exit());
    assertTrue(none.err().contains("no repeat buyers"), none.err());
  }
}
