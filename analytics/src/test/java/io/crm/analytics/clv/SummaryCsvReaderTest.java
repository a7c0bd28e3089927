package io.crm.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Column aliases, aggregation into triples, and rejected rows counted with their reason. */
class SummaryCsvReaderTest {

  private static SummaryCsvReader.Result read(String csv) throws IOException {
    return new SummaryCsvReader(TimeUnit.WEEK).read(new StringReader(csv), "test.csv");
  }

  @Test
  void cdnowFilesUseBothNamingStyles() {
    SummaryCsvReader.Result plain = CdnowFixtures.summary();
    SummaryCsvReader.Result spend = CdnowFixtures.summaryWithSpend();
    assertEquals(2357, plain.summaries().customers());
    assertEquals(2357, spend.summaries().customers());
    assertEquals(plain.summaries().triples(), spend.summaries().triples());
    assertEquals(946, spend.summaries().repeatBuyers());
    assertTrue(plain.summaries().triples().size() < 2357);
    assertEquals(0, plain.summaries().customersWithMonetary());
  }

  @Test
  void badRowsAreCountedByReasonNotDropped() throws IOException {
    SummaryCsvReader.Result r = read("""
        customer_id,frequency,recency,T,monetary_value
        a,2,10,20,15.5
        b,0,0,20,0
        c,two,10,20,1
        d,3,30,20,5
        e,1.5,1,20,5
        f,,1,20,5
        g,2,10,20,15.5
        """);
    assertEquals(7, r.rows());
    assertEquals(3, r.summaries().customers());
    assertEquals(1, r.rejectedByReason().get("bad_number"));
    assertEquals(2, r.rejectedByReason().get("out_of_range"));
    assertEquals(1, r.rejectedByReason().get("missing_required"));
    assertEquals(4, r.rejected());
    assertTrue(r.examples().get(0).contains("customer_id c") && r.examples().get(0).contains("two"), r.examples().toString());
    assertEquals(2, r.summaries().triples().size());
    assertEquals(1, r.summaries().spend().size());
    assertEquals(2, r.summaries().spend().get(0).count());
  }

  @Test
  void aMissingRequiredColumnIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("ID,x,T\n1,2,3\n"));
    assertTrue(e.getMessage().contains("recency|t_x"), e.getMessage());
  }
}
