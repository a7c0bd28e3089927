package io.crm.etl.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Survey answers linked to customers by customer_id or e-mail. */
class SurveysBuilderTest {
  @TempDir static Path dir;
  static ConformRun run;
  static ConformResult result;

  @BeforeAll
  static void conform() {
    run = new ConformRun(dir);
    BronzeFixtures.transactions()
        .line("O1", "2024-02-01T10:00:00Z").customer("C1").email("mia@example.com").item("A", 1, "10.00")
        .writeTo(run.bronze, "transactions", "2024-03-02");
    BronzeFixtures.surveys()
        .response("R1", "2024-02-05T10:00:00Z", "delivery", 5, 10).customer("C1")
        .response("R2", "2024-02-06T23:30:00Z", "service", 2, 3).email(" MIA@example.com")
        .response("R3", "2024-02-07T10:00:00Z", "sales", 4, 8).email("noah@example.com")
        .response("R4", "2024-02-08T10:00:00Z", "sales", 3, 6).email("noah at example")
        .writeTo(run.bronze, "surveys", "2024-03-02");
    // R1 delivered again in a later export is one answer
    BronzeFixtures.surveys()
        .file("again.csv")
        .response("R1", "2024-02-05T10:00:00Z", "delivery", 5, 10).customer("C1")
        .writeTo(run.bronze, "surveys", "2024-03-03");
    result = run.run();
  }

  private static Row response(String id) {
    List<Row> r = run.rows("survey_responses", "response_id = '" + id + "'");
    assertEquals(1, r.size(), id);
    return r.get(0);
  }

  @Test
  void answersAreLinkedByCustomerIdOrEmail() {
    assertEquals("C1", response("R1").getAs("customer_id"));
    assertEquals("C1", response("R2").getAs("customer_id"));
    assertEquals(Date.valueOf("2024-02-07"), response("R2").getAs("response_date"), "23:30 UTC is the next day in Berlin");
    assertEquals(5, (int) response("R1").getAs("csat"));
    assertEquals(10, (int) response("R1").getAs("nps"));
  }

  @Test
  void respondentsKnownOnlyByEmailArePersonsAndUnusableAddressesStayUnlinked() {
    assertEquals("email:noah@example.com", response("R3").getAs("customer_id"));
    Row r4 = response("R4");
    assertNull(r4.getAs("customer_id"));
    assertFalse((Boolean) r4.getAs("is_linked"));
    assertTrue((Boolean) response("R3").getAs("is_linked"));
    assertEquals(1, result.unlinkedSurveyResponses());
    assertEquals(4, run.table("survey_responses").count());
  }
}
