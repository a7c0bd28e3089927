package io.crm.etl.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.upper;

import io.crm.etl.source.SourceKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Puts bronze rows of one kind into the spelling the silver models compare on: ids trimmed,
 * e-mails normalised with a validity flag, codes upper-cased, the log placeholder "-" read as
 * missing. Column names stay the canonical ones, so the SQL models read like the source spec.
 */
final class Staging {
  /** Paths of files a browser fetches for a page (styles, scripts, images, fonts, feeds), not pages. */
  static final String STATIC_ASSET =
      "\\.(css|js|mjs|map|png|jpe?g|gif|svg|ico|webp|avif|bmp|tiff?|woff2?|ttf|eot|otf|mp4|webm|mp3|ogg|wav|pdf|zip|gz|tgz|xml|txt|json|rss|atom)$";
  private Staging() {}

  static Dataset<Row> stage(SourceKind kind, Dataset<Row> bronze) {
    List<Column> cols = new ArrayList<>();
    switch (kind) {
      case TRANSACTIONS:
        cols.add(Normalize.id(col("order_id")).as("order_id"));
        cols.add(col("order_ts"));
        cols.add(Normalize.id(col("customer_id")).as("customer_id"));
        emails(cols);
        cols.add(Normalize.id(col("sku")).as("sku"));
        cols.add(Normalize.text(col("product_name")).as("product_name"));
        cols.add(Normalize.text(col("category")).as("category"));
        cols.add(col("quantity"));
        cols.add(col("unit_price"));
        cols.add(col("discount"));
        cols.add(col("amount"));
        cols.add(Normalize.currency(col("currency")).as("currency"));
        cols.add(lower(Normalize.text(col("channel"))).as("channel"));
        cols.add(Normalize.country(col("country")).as("country"));
        cols.add(lower(Normalize.text(col("status"))).as("status"));
        break;
      case WEB_LOGS:
        cols.add(Normalize.id(col("ip")).as("ip"));
        cols.add(Normalize.id(col("user")).as("user_id"));
        cols.add(col("ts"));
        cols.add(upper(Normalize.text(col("method"))).as("method"));
        cols.add(Normalize.text(col("url")).as("url"));
        cols.add(col("status"));
        cols.add(Normalize.id(col("referrer")).as("referrer"));
        cols.add(Normalize.id(col("user_agent")).as("user_agent"));
        cols.add(Normalize.id(col("cookie_id")).as("cookie_id"));
        cols.add(coalesce(col("is_bot"), lit(false)).as("is_bot"));
        cols.add(urlPath(col("url")).as("url_path"));
        cols.add(confirmedOrder(col("url")).as("confirmed_order_id"));
        cols.add(coalesce(lower(urlPath(col("url"))).rlike(STATIC_ASSET), lit(false)).as("is_static_asset"));
        break;
      case WEB_EVENTS:
        cols.add(Normalize.id(col("event_id")).as("event_id"));
        cols.add(col("ts"));
        cols.add(Normalize.id(col("anonymous_id")).as("anonymous_id"));
        cols.add(Normalize.id(col("user_id")).as("user_id"));
        cols.add(lower(Normalize.text(col("event"))).as("event"));
        cols.add(Normalize.text(col("url")).as("url"));
        cols.add(Normalize.id(col("referrer")).as("referrer"));
        cols.add(lower(Normalize.text(col("utm_source"))).as("utm_source"));
        cols.add(lower(Normalize.text(col("utm_medium"))).as("utm_medium"));
        cols.add(Normalize.text(col("utm_campaign")).as("utm_campaign"));
        cols.add(Normalize.id(col("user_agent")).as("user_agent"));
        cols.add(Normalize.id(col("ip")).as("ip"));
        cols.add(Normalize.id(col("order_id")).as("order_id"));
        cols.add(Normalize.id(col("sku")).as("sku"));
        cols.add(coalesce(col("is_bot"), lit(false)).as("is_bot"));
        cols.add(urlPath(col("url")).as("url_path"));
        cols.add(coalesce(Normalize.id(col("order_id")), confirmedOrder(col("url"))).as("confirmed_order_id"));
        break;
      case CONTACTS:
        cols.add(Normalize.id(col("contact_id")).as("contact_id"));
        cols.add(Normalize.id(col("customer_id")).as("customer_id"));
        emails(cols);
        for (String c : List.of("first_name", "last_name", "company", "street", "postal_code", "city", "phone", "acquisition_source")) {
          cols.add(Normalize.text(col(c)).as(c));
        }
        cols.add(upper(Normalize.text(col("customer_type"))).as("customer_type"));
        cols.add(Normalize.country(col("country")).as("country"));
        cols.add(col("newsletter_opt_in"));
        cols.add(col("opt_in_ts"));
        cols.add(col("created_ts"));
        cols.add(col("updated_ts"));
        break;
      case SURVEYS:
        cols.add(Normalize.id(col("response_id")).as("response_id"));
        cols.add(Normalize.id(col("customer_id")).as("customer_id"));
        emails(cols);
        cols.add(col("ts"));
        cols.add(lower(Normalize.text(col("touchpoint"))).as("touchpoint"));
        cols.add(col("csat"));
        cols.add(col("nps"));
        cols.add(Normalize.text(col("comment")).as("comment"));
        break;
      default:
        throw new IllegalArgumentException("no staging for kind " + kind);
    }
    for (String c : List.of("_source", "_file", "_line", "_ingested_at")) {
      cols.add(col(c));
    }
    return bronze.select(cols.toArray(new Column[0]));
  }

  /** The path of a URL, absolute or not, without query and fragment. */
  static Column urlPath(Column url) {
    return regexp_extract(url, "^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?([^?#]*)", 1);
  }

  /**
   * The order id an order-confirmation URL carries: a query parameter order_id / orderId / order,
   * or a path .../confirmation/ID (also order-confirmation/ID).
   */
  static Column confirmedOrder(Column url) {
    Column param = regexp_extract(url, "[?&](?:order_id|orderId|order)=([^&#]+)", 1);
    Column path = regexp_extract(url, "/(?:order[-_]?)?confirmation/([^/?#]+)", 1);
    return coalesce(nullIfEmpty(param), nullIfEmpty(path));
  }

  private static Column nullIfEmpty(Column c) {
    return when(c.equalTo(lit("")), lit(null).cast("string")).otherwise(c);
  }

  private static void emails(List<Column> cols) {
    cols.add(Normalize.email(col("email")).as("email"));
    cols.add(Normalize.isValidEmail(Normalize.email(col("email"))).as("is_email_valid"));
  }
}
