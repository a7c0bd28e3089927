package io.crm.analytics.clv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The `crm clv fit --summary FILE` step: reads a prepared summary CSV, fits the purchase model and,
 * when the file has monetary values, the Gamma-Gamma spend model on the repeat buyers.
 */
public final class SummaryFit {

  /**
   * @param input what was read, with rejected rows by reason
   * @param purchases the purchase model fit
   * @param spend the spend model fit, or null when the file has no usable monetary values
   * @param notes things to tell the analyst (e.g. why no spend model was fitted)
   */
  public record Report(SummaryCsvReader.Result input, PurchaseFitResult purchases, SpendFitResult spend, List<String> notes) {
    public Report {
      notes = List.copyOf(notes);
    }
  }

  private final SummaryCsvReader reader;
  private final PurchaseModelFit purchaseFit;
  private final GammaGammaFit spendFit;

  public SummaryFit(SummaryCsvReader reader, PurchaseModelFit purchaseFit, GammaGammaFit spendFit) {
    this.reader = reader;
    this.purchaseFit = purchaseFit;
    this.spendFit = spendFit;
  }

  public Report run(Path file) {
    SummaryCsvReader.Result input = reader.read(file);
    PurchaseFitResult purchases = purchaseFit.fit(input.summaries());
    List<String> notes = new ArrayList<>();
    SpendFitResult spend = null;
    CustomerSummaries s = input.summaries();
    if (s.hasMonetary()) {
      if (s.spend().isEmpty()) {
        notes.add("no spend model: no repeat buyer has a monetary value > 0");
      } else {
        spend = spendFit.fit(s);
        if (s.spendExcluded() > 0) {
          notes.add(s.spendExcluded() + " repeat buyers with monetary value 0 left out of the spend model");
        }
      }
    }
    return new Report(input, purchases, spend, notes);
  }
}
