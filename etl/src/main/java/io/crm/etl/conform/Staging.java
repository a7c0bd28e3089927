package io.crm.etl.conform;

import static org.apache.spark.sql.functions.lit;

import io.crm.etl.source.Countries;
import io.crm.etl.source.SourceKind;
import io.crm.sql.SqlModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Runs the staging model of a source kind, {@code sql/staging/stg_<kind>.sql}, over the bronze
 * rows of that kind (registered as the view {@code bronze_<kind>}): bronze put into the spelling
 * the silver models compare on. The spelling rules that are data, not logic, are the models'
 * parameters: which characters are blanks, what an e-mail looks like, which paths are static
 * assets and which country spellings mean which ISO code ({@link Countries}).
 */
final class Staging {
  /** What counts as blank around a value: space, tab, line breaks, no-break space. */
  static final String BLANKS = " \t\r\n\u000B\f\u00A0";

  /** Something@domain.tld without blanks; deliberately loose, it only keeps junk out of stitching. */
  static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$";

  /** Paths of files a browser fetches for a page (styles, scripts, images, fonts, feeds), not pages. */
  static final String STATIC_ASSET =
      "\\.(css|js|mjs|map|png|jpe?g|gif|svg|ico|webp|avif|bmp|tiff?|woff2?|ttf|eot|otf|mp4|webm|mp3|ogg|wav|pdf|zip|gz|tgz|xml|txt|json|rss|atom)$";

  private Staging() {}

  /** The staging model of {@code kind} over {@code bronze} (its rows, unchanged in number). */
  static Dataset<Row> stage(SparkSession spark, SourceKind kind, Dataset<Row> bronze) {
    bronze.createOrReplaceTempView("bronze_" + kind.yamlName());
    return spark.sql(SqlModels.load("staging", model(kind)), parameters());
  }

  /** The model (and view) name of a kind's staging, e.g. {@code stg_web_logs}. */
  static String model(SourceKind kind) {
    return "stg_" + kind.yamlName();
  }

  private static Map<String, Object> parameters() {
    List<Column> countries = new ArrayList<>();
    Countries.table().forEach((name, code) -> {
      countries.add(lit(name));
      countries.add(lit(code));
    });
    return Map.of(
        "blanks", BLANKS,
        "blank_runs", "[\\s\\u00A0]+",
        "email_pattern", EMAIL_PATTERN,
        "static_asset_pattern", STATIC_ASSET,
        "country_names", functions.map(countries.toArray(new Column[0])));
  }
}
