package io.crm.etl.conform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The bronze columns conform expects per source kind (SPEC.md, "Bronze"). Conform reads bronze
 * through this schema: a missing column becomes a typed null and a column of a compatible type
 * (int for long, string for timestamp) is cast, so conform does not depend on the exact physical
 * types ingest chose.
 */
public final class BronzeSchema {

  /** The kinds of source a bronze table can hold (the `kind` of a source in crm.yaml). */
  public enum Kind {
    TRANSACTIONS,
    WEB_LOGS,
    WEB_EVENTS,
    CONTACTS,
    SURVEYS;

    /** The kind named in crm.yaml, e.g. {@code web_logs}. */
    public static Kind parse(String name) {
      if (name == null) {
        throw new IllegalArgumentException("source kind is missing (expected one of transactions, web_logs, web_events, contacts, surveys)");
      }
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown source kind '" + name + "' (expected one of transactions, web_logs, web_events, contacts, surveys)", e);
      }
    }

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final DecimalType MONEY = DataTypes.createDecimalType(18, 4);

  private BronzeSchema() {}

  /** Lineage columns ingest adds to every bronze row. */
  public static List<StructField> lineage() {
    return List.of(
        field("_source", DataTypes.StringType),
        field("_file", DataTypes.StringType),
        field("_line", DataTypes.LongType),
        field("_ingested_at", DataTypes.TimestampType));
  }

  /** The full bronze schema of a kind: canonical fields, bot flag where applicable, lineage. */
  public static StructType of(Kind kind) {
    List<StructField> fields = new ArrayList<>(canonical(kind));
    fields.addAll(lineage());
    return new StructType(fields.toArray(new StructField[0]));
  }

  private static List<StructField> canonical(Kind kind) {
    DataType s = DataTypes.StringType;
    DataType ts = DataTypes.TimestampType;
    switch (kind) {
      case TRANSACTIONS:
        return List.of(
            field("order_id", s), field("order_ts", ts), field("customer_id", s), field("email", s),
            field("sku", s), field("product_name", s), field("category", s),
            field("quantity", DataTypes.IntegerType), field("unit_price", MONEY), field("discount", MONEY),
            field("amount", MONEY), field("currency", s), field("channel", s), field("country", s),
            field("status", s));
      case WEB_LOGS:
        return List.of(
            field("ip", s), field("ident", s), field("user", s), field("ts", ts), field("method", s),
            field("url", s), field("protocol", s), field("status", DataTypes.IntegerType),
            field("bytes", DataTypes.LongType), field("referrer", s), field("user_agent", s),
            field("cookie_id", s), field("is_bot", DataTypes.BooleanType));
      case WEB_EVENTS:
        return List.of(
            field("event_id", s), field("ts", ts), field("anonymous_id", s), field("user_id", s),
            field("event", s), field("url", s), field("referrer", s), field("utm_source", s),
            field("utm_medium", s), field("utm_campaign", s), field("user_agent", s), field("ip", s),
            field("order_id", s), field("sku", s), field("is_bot", DataTypes.BooleanType));
      case CONTACTS:
        return List.of(
            field("contact_id", s), field("customer_id", s), field("email", s), field("first_name", s),
            field("last_name", s), field("company", s), field("customer_type", s), field("street", s),
            field("postal_code", s), field("city", s), field("country", s), field("phone", s),
            field("newsletter_opt_in", DataTypes.BooleanType), field("opt_in_ts", ts),
            field("created_ts", ts), field("updated_ts", ts), field("acquisition_source", s));
      case SURVEYS:
        return List.of(
            field("response_id", s), field("customer_id", s), field("email", s), field("ts", ts),
            field("touchpoint", s), field("csat", DataTypes.IntegerType), field("nps", DataTypes.IntegerType),
            field("comment", s));
      default:
        throw new IllegalArgumentException("no bronze schema for kind " + kind);
    }
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }
}
