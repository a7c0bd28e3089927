package io.crm.analytics.clv;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The CDNOW summary files under src/test/resources/cdnow (see SOURCE.md there), in weeks. */
final class CdnowFixtures {

  private CdnowFixtures() {}

  static Path resource(String name) {
    try {
      return Path.of(CdnowFixtures.class.getResource("/cdnow/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource cdnow/" + name + " missing", e);
    }
  }

  /** cdnow_customers_summary.csv: ID, frequency, recency, T. */
  static SummaryCsvReader.Result summary() {
    return new SummaryCsvReader(TimeUnit.WEEK).read(resource("cdnow_customers_summary.csv"));
  }

  /** cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar. */
  static SummaryCsvReader.Result summaryWithSpend() {
    return new SummaryCsvReader(TimeUnit.WEEK).read(resource("cdnow_customers_summary_with_transactions.csv"));
  }
}
