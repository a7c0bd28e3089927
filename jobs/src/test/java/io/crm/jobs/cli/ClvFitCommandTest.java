package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `crm clv fit --summary FILE` end to end on a small summary file written by the test. */
class ClvFitCommandTest {

  @TempDir Path dir;


  /**
   * A summary of 400 simulated customers: purchase rates exponential across customers (mean 0.3 a
   * week), observed 20-40 weeks, spending 10-60 per purchase. With monetary values (ID, x, t_x, T,
   * zbar) customers drop out after each purchase with a probability uniform in [0, 0.5] (BG/NBD
   * style); without (customer_id, frequency, recency, T) they live an exponential time whose rate
   * is exponential across customers with mean 0.05 a week (Pareto/NBD style).
   */
  private Path summaryFile(boolean withMonetary) throws IOException {
    Random random = new Random(4);
    StringBuilder sb = new StringBuilder(withMonetary ? "ID,x,t_x,T,zbar\n" : "customer_id,frequency,recency,T\n");
    for (int i = 0; i < 400; i++) {
      double lambda = -Math.log(1 - random.nextDouble()) * 0.3;
      double p = 0.5 * random.nextDouble();
      double T = 20 + 20 * random.nextDouble();
      double lifetime = withMonetary ? Double.POSITIVE_INFINITY
          : -Math.log(1 - random.nextDouble()) / (-Math.log(1 - random.nextDouble()) * 0.05);
      int x = 0;
      double tx = 0;
      for (double t = -Math.log(1 - random.nextDouble()) / lambda; t <= Math.min(T, lifetime);
          t += -Math.log(1 - random.nextDouble()) / lambda) {
        x++;
        tx = t;
        if (withMonetary && random.nextDouble() < p) {
          break;
        }
      }
      sb.append(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f", i + 1, x, tx, T));
      if (withMonetary) {
        sb.append(',').append(x == 0 ? "0" : String.valueOf(10 + random.nextInt(50)));
      }
      sb.append('\n');
    }
    Path f = dir.resolve(withMonetary ? "with_spend.csv" : "summary.csv");
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void jsonHasTheAgreedShape() throws IOException {
    CrmRun r = CrmRun.of("clv", "fit", "--summary", summaryFile(true).toString(), "--json");
    assertEquals(0, r.exit(), r.err());
    String json = r.out().trim();
    assertTrue(json.startsWith("{\"model\":\"bgnbd\",\"customers\":400,\"params\":{\"r\":"), json);
    assertTrue(json.contains("\"log_likelihood\":-"), json);
    assertTrue(json.matches(".*\"spend\":\\{\"p\":[0-9.Ee-]+,\"q\":[0-9.Ee-]+,\"v\":[0-9.Ee-]+}.*"), json);
    assertTrue(json.matches(".*\"spend_customers\":[1-9][0-9]*,.*"), json);
  }

  @Test
  void jsonListsRejectedRowsByReasonAsTheTextDoes() throws IOException {
    Path f = summaryFile(true);
    Files.writeString(f, "97,abc,1,30,10\n99,-1,0,30,10\n98,3,,30,10\n", StandardOpenOption.APPEND);
    CrmRun json = CrmRun.of("clv", "fit", "--summary", f.toString(), "--json");
    assertEquals(0, json.exit(), json.err());
    assertTrue(json.out().contains("\"rows_rejected\":3"), json.out());
    CrmRun text = CrmRun.of("clv", "fit", "--summary", f.toString());
    assertEquals(0, text.exit(), text.err());
    Matcher reasons = Pattern.compile("rejected (\\w+): (\\d+)").matcher(text.out());
    int seen = 0;
    while (reasons.find()) {
      assertTrue(json.out().contains("\"" + reasons.group(1) + "\":" + reasons.group(2)),
          reasons.group() + " missing from " + json.out());
      seen++;
    }
    assertTrue(seen >= 2, "the text names the reasons: " + text.out());
    assertTrue(json.out().contains("\"rejected_examples\":[\""), json.out());
  }

  @Test
  void withoutMonetaryValuesThereIsNoSpendAndParetoWorks() throws IOException {
    CrmRun r = CrmRun.of("clv", "fit", "--summary", summaryFile(false).toString(), "--model", "pareto-nbd", "--json");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("{\"model\":\"pareto-nbd\",\"customers\":400,\"params\":{\"r\":"), r.out());
    assertTrue(r.out().contains("\"s\":") && r.out().contains("\"beta\":"), r.out());
    assertFalse(r.out().contains("\"spend\""), r.out());
  }

  @Test
  void humanOutputShowsStandardErrorsLikelihoodAndTime() throws IOException {
    CrmRun r = CrmRun.of("clv", "fit", "--summary", summaryFile(true).toString(), "--unit", "week");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("std. error"), r.out());
    assertTrue(r.out().contains("log-likelihood"), r.out());
    assertTrue(r.out().contains("fit time"), r.out());
    assertTrue(r.out().contains("Gamma-Gamma"), r.out());
  }

  @Test
  void userErrorsExitWithThreeAndOneLine() throws IOException {
    CrmRun missing = CrmRun.of("clv", "fit", "--summary", dir.resolve("nope.csv").toString());
    assertEquals(ExitCode.BAD_INPUT, missing.exit());
    assertTrue(missing.err().contains("nope.csv"), missing.err());
    CrmRun model = CrmRun.of("clv", "fit", "--summary", summaryFile(false).toString(), "--model", "weibull");
    assertEquals(ExitCode.BAD_INPUT, model.exit());
    assertTrue(model.err().contains("weibull"), model.err());
    Path noRepeat = dir.resolve("none.csv");
    Files.writeString(noRepeat, "ID,x,t_x,T\n1,0,0,10\n2,0,0,12\n");
    CrmRun none = CrmRun.of("clv", "fit", "--summary", noRepeat.toString());
    assertEquals(ExitCode.BAD_INPUT, none.exit());
    assertTrue(none.err().contains("no repeat buyers"), none.err());
  }
}
