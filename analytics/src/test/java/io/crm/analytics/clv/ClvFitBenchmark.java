package io.crm.analytics.clv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Fit-time benchmark (not a unit test): simulates N customers from a BG/NBD with CDNOW-like
 * parameters, with purchase days and weeks rounded to 2 decimals as in the CDNOW summary, fits
 * BG/NBD and Pareto/NBD on the distinct triples and prints their number and the seconds taken.
 * Optionally writes the summary as CSV so `crm clv fit --summary` can be timed on it too.
 *
 * <pre>
 * mvn -o -q -pl analytics -am test-compile
 * java -cp analytics/target/classes:analytics/target/test-classes:$HOME/.m2/repository/org/apache/commons/commons-csv/1.14.1/commons-csv-1.14.1.jar \
 *   io.crm.analytics.clv.ClvFitBenchmark 1000000 /tmp/summary_1m.csv
 * </pre>
 */
public final class ClvFitBenchmark {

  private ClvFitBenchmark() {}

  public static void main(String[] args) throws IOException {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    long t0 = System.nanoTime();
    CustomerSummaries data = new BgNbdSimulator(0.243, 4.414, 0.793, 2.426, 42L).daily(customers, 84, 273);
    System.out.printf(Locale.ROOT, "simulated %,d customers in %.1f s: %,d distinct (x, t_x, T) triples%n",
        data.customers(), (System.nanoTime() - t0) / 1e9, data.triples().size());
    if (args.length > 1) {
      write(data, Path.of(args[1]));
    }
    for (ModelKind kind : new ModelKind[] {ModelKind.BGNBD, ModelKind.PARETO_NBD}) {
      PurchaseFitResult fit = new PurchaseModelFit(kind).fit(data);
      System.out.printf(Locale.ROOT, "%-10s fit %.2f s, %,d evaluations, LL %.2f, params %s%n", kind.id(), fit.seconds(),
          fit.evaluations(), fit.logLikelihood(), fit.model().params());
    }
  }

  /** One row per customer (triples expanded), in the CDNOW column names. */
  private static void write(CustomerSummaries data, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("customer_id,frequency,recency,T\n");
      long id = 0;
      for (SummaryTriple t : data.triples()) {
        String row = String.format(Locale.ROOT, ",%d,%.2f,%.2f%n", t.x(), t.tx(), t.T());
        for (long i = 0; i < t.count(); i++) {
          w.write(Long.toString(++id));
          w.write(row);
        }
      }
    }
    System.out.println("wrote " + file);
  }
}
