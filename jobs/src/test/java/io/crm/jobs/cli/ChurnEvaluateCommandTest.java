package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChurnEvaluateCommandTest {

  @TempDir Path dir;

  /** 400 customers; short tenure on a monthly plan churns more often; some blank spend cells. */
  private Path customersCsv() throws IOException {
    Random random = new Random(3);
    StringBuilder sb = new StringBuilder("id;tenure;plan;spend;churned\n");
    for (int i = 0; i < 400; i++) {
      int tenure = random.nextInt(60);
      String plan = random.nextBoolean() ? "monthly" : "yearly";
      double risk = (plan.equals("monthly") ? 0.5 : 0.1) + (tenure < 12 ? 0.3 : 0.0);
      String spend = i % 37 == 0 ? " " : Integer.toString(20 + random.nextInt(80));
      sb.append(i).append(';').append(tenure).append(';').append(plan).append(';').append(spend).append(';')
          .append(random.nextDouble() < risk ? "True" : "False").append('\n');
    }
    Path file = dir.resolve("customers.csv");
    Files.writeString(file, sb.toString());
    return file;
  }


  @Test
  void jsonReportsFoldsRowsAucAndTheChosenModel() throws IOException {
    CrmRun r = CrmRun.of("churn", "evaluate", "--csv", customersCsv().toString(), "--label", "churned", "--id", "id",
        "--folds", "4", "--json");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("{\"folds\":4,\"rows\":400,\"auc\":"), r.out());
    assertTrue(r.out().contains("\"blank_cells\":{\"spend\":11}"), r.out());
    Matcher m = Pattern.compile("\"model\":\"(logistic|gbt)\"").matcher(r.out());
    assertTrue(m.find(), r.out());
    Matcher auc = Pattern.compile("^\\{\"folds\":4,\"rows\":400,\"auc\":([0-9.]+),\"pr_auc\":([0-9.]+)").matcher(r.out());
    assertTrue(auc.find(), r.out());
    double value = Double.parseDouble(auc.group(1));
    assertTrue(value > 0.6 && value < 0.9, "AUC of a rule with two clear drivers: " + value);
  }

  @Test
  void aNonBinaryLabelIsAUserErrorNamingTheValues() throws IOException {
    CrmRun r = CrmRun.of("churn", "evaluate", "--csv", customersCsv().toString(), "--label", "tenure", "--id", "id");
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().startsWith("crm: label column 'tenure' must hold exactly 2 distinct values, found 60: ["), r.err());
  }

  @Test
  void aLabelWithUnknownWordsAsksForThePositiveValue() throws IOException {
    Path csv = customersCsv();
    CrmRun r = CrmRun.of("churn", "evaluate", "--csv", csv.toString(), "--label", "plan", "--id", "id");
    assertEquals(ExitCode.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("name it with --positive"), r.err());
    CrmRun named = CrmRun.of("churn", "evaluate", "--csv", csv.toString(), "--label", "plan", "--id", "id",
        "--positive", "monthly", "--folds", "3", "--json");
    assertEquals(0, named.exit(), named.err());
    assertTrue(named.out().contains("\"positive_value\":\"monthly\""), named.out());
  }
}
