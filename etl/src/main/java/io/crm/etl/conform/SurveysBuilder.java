package io.crm.etl.conform;

import java.time.ZoneId;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds silver.survey_responses, each answer linked to the resolved customer through its
 * customer_id or e-mail (views stg_surveys, identities).
 */
public final class SurveysBuilder {
  private final SparkSession spark;
  private final SilverWriter writer;
  private final ZoneId zone;

  public SurveysBuilder(SparkSession spark, SilverWriter writer, ZoneId zone) {
    this.spark = spark;
    this.writer = writer;
    this.zone = zone;
  }

  /** responses: rows written; unlinked: answers no customer was found for (kept, customer_id NULL). */
  public record Result(long responses, long unlinked) {}

  public Result run() {
    Dataset<Row> responses =
        writer.write("survey_responses", SilverSql.run(spark, "survey_responses", Map.of("timezone", zone.getId())), null);
    long unlinked = responses.where("NOT is_linked").count();
    return new Result(writer.rows().get("survey_responses"), unlinked);
  }
}
