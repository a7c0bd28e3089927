package io.crm.analytics.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.analytics.warehouse.Snapshots;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Nightly churn scoring as of a date: takes the newest stored model on or before the date,
 * retraining first (with {@link ChurnTraining}) when there is none or it is {@code retrain_days}
 * old or older; builds {@link ChurnFeatures} as of the date for the customers who bought in the
 * last active_days (the population the label is defined on; others are not scored); scores them
 * in Spark with the broadcast model; and publishes gold {@code churn_scores} (customer_key,
 * churn_probability, risk_band, model_version) as the snapshot of the date.
 */
public final class ChurnScoring {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String TABLE = "churn_scores";

  static final StructType SCHEMA = StructType.fromDDL(
      "customer_key string, as_of_date date, churn_probability double, risk_band string, model_version string");

  private final SparkSession spark;
  private final Snapshots gold;
  private final ChurnFeatures features;
  private final ChurnModelStore store;
  private final ChurnTraining training;
  private final ChurnParams params;

  public ChurnScoring(SparkSession spark, Snapshots gold, ChurnFeatures features, ChurnModelStore store,
      ChurnTraining training, ChurnParams params) {
    this.spark = spark;
    this.gold = gold;
    this.features = features;
    this.store = store;
    this.training = training;
    this.params = params;
  }

  /** Whether a model trained on {@code modelDate} is too old to score {@code asOf} (or absent). */
  public static boolean needsRetraining(Optional<LocalDate> modelDate, LocalDate asOf, int retrainDays) {
    return modelDate.isEmpty() || ChronoUnit.DAYS.between(modelDate.get(), asOf) >= retrainDays;
  }

  public Result run(LocalDate asOf) {
    long started = System.nanoTime();
    Optional<LocalDate> latest = store.latest(asOf);
    ChurnTraining.Result retrained = null;
    LocalDate modelDate;
    if (needsRetraining(latest, asOf, params.retrainDays())) {
      retrained = training.run(asOf);
      modelDate = asOf;
    } else {
      modelDate = latest.get();
    }
    TrainedChurnModel model = store.load(modelDate);
    String version = modelVersion(modelDate);
    List<String> notes = new ArrayList<>();
    Dataset<Row> rows = features.build(asOf, notes);
    Dataset<Row> scores = score(rows, model, version, asOf).cache();
    try {
      String path = gold.publish(scores, TABLE, asOf);
      Map<String, Long> bands = new LinkedHashMap<>();
      for (String b : List.of("High", "Medium", "Low")) {
        bands.put(b, 0L);
      }
      long total = 0;
      for (Row r : scores.groupBy("risk_band").agg(count(lit(1))).collectAsList()) {
        bands.put(r.getString(0), r.getLong(1));
        total += r.getLong(1);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Result(asOf, total, path, version, modelDate, retrained, bands, notes, seconds);
    } finally {
      scores.unpersist();
    }
  }

  /**
   * Scores feature rows (columns of {@link ChurnFeatures#build}) in Spark with the broadcast
   * model; columns {@link #SCHEMA}.
   */
  public Dataset<Row> score(Dataset<Row> rows, TrainedChurnModel model, String version, LocalDate asOf) {
    Broadcast<TrainedChurnModel> shared =
        spark.sparkContext().broadcast(model, scala.reflect.ClassTag$.MODULE$.apply(TrainedChurnModel.class));
    return rows.mapPartitions(new ScorePartition(shared, params, asOf, version), Encoders.row(SCHEMA));
  }

  /** The version recorded in the model's metadata: {@code <as_of>/<learner>}. */
  private String modelVersion(LocalDate modelDate) {
    String json = store.metadata(modelDate);
    JsonNode version;
    try {
      version = JSON.readTree(json).path("version");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("churn model metadata of " + modelDate + " is not JSON: " + json, e);
    }
    if (!version.isTextual()) {
      throw new IllegalArgumentException("churn model metadata of " + modelDate + " has no version: " + json);
    }
    return version.asText();
  }

  /** Scores the rows of one partition with the broadcast model. */
  private static final class ScorePartition implements MapPartitionsFunction<Row, Row> {
    private final Broadcast<TrainedChurnModel> model;
    private final ChurnParams params;
    private final Date asOf;
    private final String version;

    ScorePartition(Broadcast<TrainedChurnModel> model, ChurnParams params, LocalDate asOf, String version) {
      this.model = model;
      this.params = params;
      this.asOf = Date.valueOf(asOf);
      this.version = version;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      TrainedChurnModel m = model.value();
      List<String> inputs = m.encoding().inputNames();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          double p = m.probability(ChurnFeatures.raw(r, inputs));
          return RowFactory.create(r.getString(r.fieldIndex("customer_key")), asOf, p, params.riskBand(p), version);
        }
      };
    }
  }

  /**
   * What a scoring run produced.
   *
   * @param retrained the training run this scoring triggered, or null when a recent model existed
   * @param bands customers per risk band (High, Medium, Low)
   */
  public record Result(LocalDate asOf, long customers, String path, String modelVersion, LocalDate modelDate,
      ChurnTraining.Result retrained, Map<String, Long> bands, List<String> notes, double seconds) {}
}
