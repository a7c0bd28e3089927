package io.crm.etl.conform;

import static org.apache.spark.sql.functions.lit;

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
 * assets and which country names mean which ISO code.
 */
final class Staging {
  /** What counts as blank around a value: space, tab, line breaks, no-break space. */
  static final String BLANKS = " \t\r\n\u000B\f\u00A0";

  /** Something@domain.tld without blanks; deliberately loose, it only keeps junk out of stitching. */
  static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$";

  /** Paths of files a browser fetches for a page (styles, scripts, images, fonts, feeds), not pages. */
  static final String STATIC_ASSET =
      "\\.(css|js|mjs|map|png|jpe?g|gif|svg|ico|webp|avif|bmp|tiff?|woff2?|ttf|eot|otf|mp4|webm|mp3|ogg|wav|pdf|zip|gz|tgz|xml|txt|json|rss|atom)$";

  /** Country names seen in exports (upper case), mapped to ISO 3166 alpha-2; codes pass through. */
  static final Map<String, String> COUNTRY_NAMES =
      Map.ofEntries(
          Map.entry("GERMANY", "DE"), Map.entry("DEUTSCHLAND", "DE"), Map.entry("DEU", "DE"),
          Map.entry("AUSTRIA", "AT"), Map.entry("ÖSTERREICH", "AT"), Map.entry("AUT", "AT"),
          Map.entry("SWITZERLAND", "CH"), Map.entry("SCHWEIZ", "CH"), Map.entry("CHE", "CH"),
          Map.entry("FRANCE", "FR"), Map.entry("FRANKREICH", "FR"), Map.entry("FRA", "FR"),
          Map.entry("NETHERLANDS", "NL"), Map.entry("NIEDERLANDE", "NL"), Map.entry("NLD", "NL"),
          Map.entry("UNITED KINGDOM", "GB"), Map.entry("UK", "GB"), Map.entry("GREAT BRITAIN", "GB"), Map.entry("GBR", "GB"),
          Map.entry("UNITED STATES", "US"), Map.entry("USA", "US"),
          Map.entry("ITALY", "IT"), Map.entry("ITALIEN", "IT"), Map.entry("ITA", "IT"),
          Map.entry("SPAIN", "ES"), Map.entry("SPANIEN", "ES"), Map.entry("ESP", "ES"),
          Map.entry("BELGIUM", "BE"), Map.entry("BELGIEN", "BE"), Map.entry("POLAND", "PL"), Map.entry("POLEN", "PL"));

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
    COUNTRY_NAMES.forEach((name, code) -> {
      countries.add(lit(name));
      countries.add(lit(code));
    });
    return Map.of(
        "blanks", BLANKS,
        "email_pattern", EMAIL_PATTERN,
        "static_asset_pattern", STATIC_ASSET,
        "country_names", functions.map(countries.toArray(new Column[0])));
  }
}
