package io.crm.analytics.clv;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.crm.analytics.warehouse.SilverTables;
import io.crm.analytics.warehouse.Snapshots;
import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import io.crm.analytics.warehouse.Purchases;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Builds gold {@code clv} (one row per buyer) and gold {@code clv_models} (one row per run) for an
 * as_of date from silver {@code orders}.
 *
 * <p>Customer summary, as Fader and Hardie count it: purchases are counted per DAY (all
 * purchases of a customer on one order_date are one purchase, their net amounts
 * summed). With the calibration period running from the customer's first purchase day to the
 * as_of day inclusive:
 * <ul>
 *   <li>x = distinct purchase days − 1 (repeat purchases),
 *   <li>t_x = (last purchase day − first purchase day) in the model's unit,
 *   <li>T = (as_of − first purchase day) in the model's unit (orders on the as_of day count),
 *   <li>zbar = mean net amount of the repeat purchase days (the first day excluded), null if x = 0.
 * </ul>
 * Customers are silver's customer_key (the pseudonymous key of the resolved person), guests
 * included. The purchase model (BG/NBD or Pareto/NBD) is fitted on the distinct (x, t_x, T) triples and Gamma-Gamma on the distinct (x,
 * zbar rounded to 0.01) pairs of repeat buyers with zbar > 0, both collected from Spark; then
 * every customer is scored in Spark with the broadcast {@link ClvScorer}. A customer whose first
 * purchase is on the as_of day (T = 0) is not in the fit and is scored as a brand-new customer
 * (the T → 0 limit). A repeat buyer whose returns make zbar negative is scored with zbar = 0.
 */
public final class ClvStep {
  public static final String TABLE = "clv";
  public static final String MODELS_TABLE = "clv_models";
  /** T used to score customers first seen on the as_of day: the limit T → 0, in model units. */
  static final double NEW_CUSTOMER_T = 1e-9;

  static final StructType SCHEMA = StructType.fromDDL(
      "customer_key string, as_of_date date, model string, time_unit string, first_purchase_date date, "
          + "last_purchase_date date, frequency int, recency double, age double, monetary_value double, "
          + "p_alive double, expected_purchases double, expected_spend double, clv double, "
          + "horizon double, horizon_unit string");

  static final StructType MODELS_SCHEMA = StructType.fromDDL(
      "as_of_date date, model string, requested_model string, time_unit string, customers long, "
          + "fitted_customers long, distinct_triples int, params map<string,double>, "
          + "standard_errors map<string,double>, boundary_params array<string>, boundary array<string>, "
          + "warnings array<string>, log_likelihood double, evaluations int, fit_seconds double, "
          + "spend_params map<string,double>, spend_standard_errors map<string,double>, "
          + "spend_log_likelihood double, spend_customers long, spend_excluded long, spend_fit_seconds double, "
          + "spend_warnings array<string>, horizon double, horizon_unit string, discount_rate double, "
          + "discount_per string, margin double, computed_at timestamp");

  private final SparkSession spark;
  private final SilverTables silver;
  private final Snapshots gold;
  private final ClvParams params;

  public ClvStep(SparkSession spark, SilverTables silver, Snapshots gold, ClvParams params) {
    this.spark = spark;
    this.silver = silver;
    this.gold = gold;
    this.params = params;
  }

  /** Fits, scores and publishes the snapshots of {@code clv} and {@code clv_models} for {@code asOf}. */
  public Result run(LocalDate asOf) {
    Scored scored = fitAndScore(asOf);
    Dataset<Row> scores = scored.scores().cache();
    try {
      String path = gold.publish(scores, TABLE, asOf);
      gold.publish(spark.createDataFrame(List.of(modelsRow(scored.fit())), MODELS_SCHEMA), MODELS_TABLE, asOf);
      Row totals = scores.agg(count(lit(1)), sum("clv"), avg("p_alive"), sum("expected_purchases")).first();
      List<SegmentValue> bySegment = bySegment(scores, asOf);
      return new Result(asOf, totals.getLong(0), path, scored.fit(), params,
          totals.isNullAt(1) ? 0 : totals.getDouble(1), totals.isNullAt(2) ? Double.NaN : totals.getDouble(2),
          totals.isNullAt(3) ? 0 : totals.getDouble(3), bySegment);
    } finally {
      scores.unpersist();
      scored.summaries().unpersist();
    }
  }

  /**
   * Fits the models on the data up to {@code asOf} and returns every buyer's CLV row (columns
   * {@link #SCHEMA}) without publishing: churn training uses it for past cutoffs.
   */
  public Dataset<Row> compute(LocalDate asOf) {
    return fitAndScore(asOf).scores();
  }

  /** Fits the models on the data up to {@code asOf} (no scoring, nothing published). */
  public Fit fit(LocalDate asOf) {
    Dataset<Row> summaries = summaries(asOf).cache();
    try {
      return fit(asOf, summaries);
    } finally {
      summaries.unpersist();
    }
  }

  /**
   * Holdout check: per week after the as_of day until {@code until}, the repeat purchase days
   * the fitted model expects from the customers of the calibration period (the sum of their
   * conditional expectations E[Y(t) | x, t_x, T], and the unconditional forecast from their
   * first purchase) and the purchase days they actually made. Week
   * k covers the days (as_of + 7(k−1), as_of + 7k]; the last week may be shorter.
   */
  public List<TrackingWeek> tracking(Fit fit, LocalDate until) {
    LocalDate asOf = fit.asOf();
    if (!until.isAfter(asOf)) {
      throw new IllegalArgumentException("holdout end " + until + " must be after the as_of date " + asOf);
    }
    int holdoutDays = (int) (until.toEpochDay() - asOf.toEpochDay());
    int weeks = (holdoutDays + 6) / 7;
    Dataset<Row> calibrationCustomers = purchases(asOf).select("customer_key").distinct();
    Dataset<Row> later = silver.table("orders")
        .filter(col("order_date").gt(lit(Date.valueOf(asOf))).and(col("order_date").leq(lit(Date.valueOf(until))))
            .and(Purchases.isPurchase()))
        .select("customer_key", "order_date").distinct()
        .join(calibrationCustomers, "customer_key");
    long[] actual = new long[weeks + 1];
    for (Row r : later.groupBy(((datediff(col("order_date"), lit(Date.valueOf(asOf))).plus(6)).divide(7)).cast("int").alias("week"))
        .count().collectAsList()) {
      actual[r.getInt(0)] = r.getLong(1);
    }
    PurchaseModel model = fit.purchases().model();
    List<SummaryTriple> triples = new ArrayList<>(fit.summaries().triples());
    if (fit.newCustomers() > 0) {
      triples.add(new SummaryTriple(0, 0, NEW_CUSTOMER_T, fit.newCustomers()));
    }
    List<TrackingWeek> out = new ArrayList<>();
    double previous = 0;
    double previousUnconditional = 0;
    long cumulativeActual = 0;
    for (int k = 1; k <= weeks; k++) {
      int days = Math.min(7 * k, holdoutDays);
      double t = TimeUnit.DAY.convert(days, model.unit());
      Horizon h = Horizon.of(t, model.unit());
      double cumulative = 0;
      double unconditional = 0;
      for (SummaryTriple s : triples) {
        cumulative += s.count() * model.expectedPurchases(h, s.x(), s.tx(), s.T());
        unconditional += s.count() * (model.expectedPurchases(Horizon.of(s.T() + t, model.unit()))
            - model.expectedPurchases(Horizon.of(s.T(), model.unit())));
      }
      cumulativeActual += actual[k];
      out.add(new TrackingWeek(k, asOf.plusDays(7L * (k - 1) + 1), asOf.plusDays(days), actual[k],
          cumulative - previous, unconditional - previousUnconditional, cumulativeActual, cumulative, unconditional));
      previous = cumulative;
      previousUnconditional = unconditional;
    }
    return out;
  }

  private record Scored(Fit fit, Dataset<Row> summaries, Dataset<Row> scores) {}

  private Scored fitAndScore(LocalDate asOf) {
    Dataset<Row> summaries = summaries(asOf).cache();
    Fit fit = fit(asOf, summaries);
    ClvScorer scorer = new ClvScorer(fit.purchases().model(), fit.spend().model(),
        params.horizonInModelUnit(), params.discountInModelUnit(), params.margin());
    Broadcast<ClvScorer> shared = spark.sparkContext().broadcast(scorer, scala.reflect.ClassTag$.MODULE$.apply(ClvScorer.class));
    // customers sharing a triple go to the same partition, so each triple is scored once
    Dataset<Row> scores = summaries.repartition(col("x"), col("tx_days"), col("t_days"))
        .mapPartitions(new ScorePartition(shared, asOf, params.horizon()), Encoders.row(SCHEMA));
    return new Scored(fit, summaries, scores);
  }

  /** Purchases ({@link Purchases}: not cancelled, not all returned) up to and including {@code asOf}. */
  private Dataset<Row> purchases(LocalDate asOf) {
    if (asOf == null) {
      throw new IllegalArgumentException("as_of date is required");
    }
    return silver.table("orders")
        .filter(col("order_date").leq(lit(Date.valueOf(asOf)))
            .and(Purchases.isPurchase()));
  }

  /** One row per buyer: first/last purchase day, x, t_x and T in days, zbar (see the class comment). */
  Dataset<Row> summaries(LocalDate asOf) {
    Dataset<Row> days = purchases(asOf)
        .groupBy("customer_key", "order_date")
        .agg(sum(coalesce(col("net_amount").cast("double"), lit(0.0))).alias("amount"));
    return days.groupBy("customer_key")
        .agg(min("order_date").alias("first_purchase_date"),
            max("order_date").alias("last_purchase_date"),
            count(lit(1)).alias("purchase_days"),
            sum("amount").alias("total"),
            min_by(col("amount"), col("order_date")).alias("first_amount"))
        .select(col("customer_key"), col("first_purchase_date"), col("last_purchase_date"),
            col("purchase_days").minus(1).cast("int").alias("x"),
            datediff(col("last_purchase_date"), col("first_purchase_date")).alias("tx_days"),
            datediff(lit(Date.valueOf(asOf)), col("first_purchase_date")).alias("t_days"),
            when(col("purchase_days").gt(1),
                col("total").minus(col("first_amount")).divide(col("purchase_days").minus(1))).alias("zbar"));
  }

  private Fit fit(LocalDate asOf, Dataset<Row> summaries) {
    long started = System.nanoTime();
    TimeUnit unit = params.unit();
    double unitDays = unit.days();
    Dataset<Row> fitted = summaries.filter(col("t_days").gt(0));
    // sorted, so the sums of the likelihood add up in one order and the optimum does not depend
    // on how many partitions the shuffle had (local mode and a cluster gave different last digits)
    List<SummaryTriple> triples = new ArrayList<>();
    for (Row r : fitted.groupBy("x", "tx_days", "t_days").count().orderBy("x", "tx_days", "t_days").collectAsList()) {
      triples.add(new SummaryTriple(r.getInt(0), r.getInt(1) / unitDays, r.getInt(2) / unitDays, r.getLong(3)));
    }
    List<SpendObservation> spend = new ArrayList<>();
    for (Row r : fitted.filter(col("x").gt(0).and(round(col("zbar"), 2).gt(0)))
        .groupBy(col("x"), round(col("zbar"), 2).alias("z")).count().orderBy("x", "z").collectAsList()) {
      spend.add(new SpendObservation(r.getInt(0), r.getDouble(1), r.getLong(2)));
    }
    Row counts = summaries.agg(
        count(lit(1)),
        sum(when(col("t_days").equalTo(0), 1).otherwise(0)),
        sum(when(col("t_days").gt(0).and(col("x").gt(0)), 1).otherwise(0))).first();
    long customers = counts.getLong(0);
    long newCustomers = customers == 0 ? 0 : counts.getLong(1);
    long repeat = customers == 0 ? 0 : counts.getLong(2);
    long spendUsed = spend.stream().mapToLong(SpendObservation::count).sum();
    double summarySeconds = (System.nanoTime() - started) / 1e9;
    CustomerSummaries data = new CustomerSummaries(unit, triples, spend, customers - newCustomers, repeat, repeat - spendUsed);
    PurchaseFitResult purchases = new PurchaseModelFit(params.model()).fit(data);
    SpendFitResult spendFit = new GammaGammaFit().fit(data);
    return new Fit(asOf, unit, data, newCustomers, purchases, spendFit, summarySeconds);
  }

  private Row modelsRow(Fit fit) {
    PurchaseFitResult p = fit.purchases();
    SpendFitResult s = fit.spend();
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, Double> errors = new LinkedHashMap<>();
    List<String> atBoundary = new ArrayList<>();
    for (ParameterEstimate e : p.parameters()) {
      values.put(e.name(), e.value());
      errors.put(e.name(), e.standardError());
      if (e.onBoundary()) {
        atBoundary.add(e.name());
      }
    }
    Map<String, Double> spendValues = new LinkedHashMap<>();
    Map<String, Double> spendErrors = new LinkedHashMap<>();
    for (ParameterEstimate e : s.parameters()) {
      spendValues.put(e.name(), e.value());
      spendErrors.put(e.name(), e.standardError());
    }
    Horizon h = params.horizon();
    DiscountRate d = params.discountRate();
    return RowFactory.create(Date.valueOf(fit.asOf()), p.model().kind().id(), p.requested().id(), fit.unit().name().toLowerCase(),
        fit.summaries().customers() + fit.newCustomers(), p.customers(), p.distinctTriples(), values, errors, atBoundary,
        p.boundary(), p.warnings(), p.logLikelihood(), p.evaluations(), p.seconds(), spendValues, spendErrors,
        s.logLikelihood(), s.customers(), s.excluded(), s.seconds(), s.warnings(), h.amount(), h.unit().name().toLowerCase(),
        d.rate(), d.per().name().toLowerCase(), params.margin(), Timestamp.from(Instant.now()));
  }

  private List<SegmentValue> bySegment(Dataset<Row> scores, LocalDate asOf) {
    if (!gold.asOfDates("segments").contains(asOf)) {
      return List.of();
    }
    Dataset<Row> segments = gold.read("segments", asOf).select(col("customer_key"), col("rfm_segment"));
    List<SegmentValue> out = new ArrayList<>();
    for (Row r : scores.join(segments, "customer_key")
        .groupBy(coalesce(col("rfm_segment"), lit("(no purchase)")).alias("segment"))
        .agg(countDistinct("customer_key"), avg("p_alive"), avg("clv"), sum("clv"))
        .orderBy(col("sum(clv)").desc()).collectAsList()) {
      out.add(new SegmentValue(r.getString(0), r.getLong(1), r.getDouble(2),
          r.isNullAt(3) ? Double.NaN : r.getDouble(3), r.isNullAt(4) ? 0 : r.getDouble(4)));
    }
    return out;
  }

  /**
   * Scores the buyers of one partition with the broadcast scorer. The purchase-side quantities
   * depend on (x, t_x, T) only, so they are computed once per distinct triple in the partition.
   */
  private static final class ScorePartition implements MapPartitionsFunction<Row, Row> {
    private final Broadcast<ClvScorer> scorer;
    private final Date asOf;
    private final Horizon configuredHorizon;

    ScorePartition(Broadcast<ClvScorer> scorer, LocalDate asOf, Horizon configuredHorizon) {
      this.scorer = scorer;
      this.asOf = Date.valueOf(asOf);
      this.configuredHorizon = configuredHorizon;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      ClvScorer s = scorer.value();
      PurchaseModel model = s.purchases();
      TimeUnit unit = model.unit();
      double h = s.horizon().amountIn(unit);
      double d = s.discount().ratePer(unit);
      String modelId = model.kind().id();
      String unitName = unit.name().toLowerCase();
      boolean populationMeanDefined = s.spend().q() > 1;
      Map<Long, double[]> cache = new HashMap<>();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          int x = r.getInt(r.fieldIndex("x"));
          int txDays = r.getInt(r.fieldIndex("tx_days"));
          int tDays = r.getInt(r.fieldIndex("t_days"));
          double tx = txDays / unit.days();
          double T = tDays == 0 ? NEW_CUSTOMER_T : tDays / unit.days();
          long key = ((long) x << 40) ^ ((long) txDays << 20) ^ tDays;
          double[] purchase = cache.computeIfAbsent(key, k -> new double[] {
              model.probabilityAlive(x, tx, T),
              model.expectedPurchases(s.horizon(), x, tx, T),
              s.discountedPurchases(x, tx, T, h, d)});
          int zi = r.fieldIndex("zbar");
          Double zbar = r.isNullAt(zi) ? null : r.getDouble(zi);
          Double spend = x > 0 ? s.spend().conditionalExpectedSpend(x, Math.max(0, zbar))
              : populationMeanDefined ? s.spend().meanSpend() : null;
          Double clv = spend == null ? null : s.margin() * spend * purchase[2];
          return RowFactory.create(r.getString(0), asOf, modelId, unitName, r.getDate(1), r.getDate(2), x, tx,
              tDays / unit.days(), zbar, purchase[0], purchase[1], spend, clv,
              configuredHorizon.amount(), configuredHorizon.unit().name().toLowerCase());
        }
      };
    }
  }

  /**
   * The fitted models of one as_of date.
   *
   * @param summaries the triples and spend pairs the models were fitted on
   * @param newCustomers buyers first seen on the as_of day (T = 0), not in the fit
   * @param summarySeconds time to build and collect the summaries in Spark
   */
  public record Fit(LocalDate asOf, TimeUnit unit, CustomerSummaries summaries, long newCustomers,
      PurchaseFitResult purchases, SpendFitResult spend, double summarySeconds) implements Serializable {}

  /**
   * One week of the holdout tracking table. {@code predicted} sums the customers' conditional
   * expectations given their calibration history (what CLV uses); {@code unconditionalPredicted}
   * sums E[X(T + t)] − E[X(T)] per customer, i.e. the model's forecast from each customer's first
   * purchase without using the history, as in the published tracking plots.
   */
  public record TrackingWeek(int week, LocalDate from, LocalDate to, long actual, double predicted,
      double unconditionalPredicted, long cumulativeActual, double cumulativePredicted,
      double cumulativeUnconditionalPredicted) {}

  /** CLV of the customers of one RFM segment (from gold segments of the same as_of date). */
  public record SegmentValue(String segment, long customers, double meanPAlive, double meanClv, double totalClv) {}

  /** What a run produced. */
  public record Result(LocalDate asOf, long customers, String path, Fit fit, ClvParams params, double totalClv,
      double meanPAlive, double expectedPurchases, List<SegmentValue> bySegment) {}
}
