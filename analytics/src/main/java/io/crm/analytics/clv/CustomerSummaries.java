package io.crm.analytics.clv;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input of a CLV fit: per-customer (x, t_x, T) summaries collapsed into distinct triples with
 * counts, plus the distinct (x, zbar) pairs of repeat buyers for the spend model, all in one time
 * unit. Build it with {@link #builder(TimeUnit)}, or from pre-aggregated triples (as Spark
 * produces them) with {@link #of}.
 */
public record CustomerSummaries(
    TimeUnit unit,
    List<SummaryTriple> triples,
    List<SpendObservation> spend,
    long customers,
    long customersWithMonetary,
    long spendExcluded)
    implements Serializable {

  public CustomerSummaries {
    if (unit == null) {
      throw new IllegalArgumentException("time unit of the summaries is missing");
    }
    triples = List.copyOf(triples);
    spend = List.copyOf(spend);
  }

  /** Summaries from already aggregated triples (no monetary values). */
  public static CustomerSummaries of(TimeUnit unit, List<SummaryTriple> triples) {
    long n = triples.stream().mapToLong(SummaryTriple::count).sum();
    return new CustomerSummaries(unit, triples, List.of(), n, 0, 0);
  }

  public boolean hasMonetary() {
    return customersWithMonetary > 0;
  }

  /** Number of customers with at least one repeat purchase. */
  public long repeatBuyers() {
    return triples.stream().filter(t -> t.x() > 0).mapToLong(SummaryTriple::count).sum();
  }

  public static Builder builder(TimeUnit unit) {
    return new Builder(unit);
  }

  /** Collects customers one by one and aggregates them into distinct triples. */
  public static final class Builder {
    private final TimeUnit unit;
    private final Map<Key, long[]> triples = new LinkedHashMap<>();
    private final Map<SpendKey, long[]> spend = new LinkedHashMap<>();
    private long customers;
    private long withMonetary;
    private long spendExcluded;

    private Builder(TimeUnit unit) {
      if (unit == null) {
        throw new IllegalArgumentException("time unit of the summaries is missing");
      }
      this.unit = unit;
    }

    private record Key(int x, double tx, double T) {}

    private record SpendKey(int x, double zbar) {}

    /**
     * Adds one customer. {@code monetary} (mean value of the repeat purchases) may be null; it is
     * used for the spend model only when x > 0 and it is > 0 (others are counted as excluded).
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public Builder add(double x, double tx, double T, Double monetary) {
      SummaryTriple.validate(x, tx, T);
      if (monetary != null && (monetary.isNaN() || monetary.isInfinite() || monetary < 0)) {
        throw new IllegalArgumentException("monetary value must be finite and >= 0, got " + monetary);
      }
      int xi = (int) x;
      triples.computeIfAbsent(new Key(xi, tx, T), k -> new long[1])[0]++;
      customers++;
      if (monetary != null) {
        withMonetary++;
        if (xi > 0) {
          if (monetary > 0) {
            spend.computeIfAbsent(new SpendKey(xi, monetary), k -> new long[1])[0]++;
          } else {
            spendExcluded++;
          }
        }
      }
      return this;
    }

    public CustomerSummaries build() {
      List<SummaryTriple> t = new ArrayList<>(triples.size());
      triples.forEach((k, c) -> t.add(new SummaryTriple(k.x(), k.tx(), k.T(), c[0])));
      t.sort(Comparator.comparingInt(SummaryTriple::x).thenComparingDouble(SummaryTriple::tx)
          .thenComparingDouble(SummaryTriple::T));
      List<SpendObservation> s = new ArrayList<>(spend.size());
      spend.forEach((k, c) -> s.add(new SpendObservation(k.x(), k.zbar(), c[0])));
      return new CustomerSummaries(unit, t, s, customers, withMonetary, spendExcluded);
    }
  }
}
