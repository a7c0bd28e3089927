package io.crm.etl.source;

import static io.crm.etl.source.FieldType.BOOLEAN;
import static io.crm.etl.source.FieldType.DECIMAL;
import static io.crm.etl.source.FieldType.INT;
import static io.crm.etl.source.FieldType.LONG;
import static io.crm.etl.source.FieldType.STRING;
import static io.crm.etl.source.FieldType.TIMESTAMP;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of source the CRM understands, each with its canonical fields (SPEC.md, "Canonical
 * source fields per kind") and the file format it comes in.
 */
public enum SourceKind {
  TRANSACTIONS(
      SourceFormat.CSV,
      fields(
          "order_id", STRING, "order_ts", TIMESTAMP, "customer_id", STRING, "email", STRING,
          "sku", STRING, "product_name", STRING, "category", STRING, "quantity", INT,
          "unit_price", DECIMAL, "discount", DECIMAL, "amount", DECIMAL, "currency", STRING,
          "channel", STRING, "country", STRING, "status", STRING)),
  WEB_LOGS(
      SourceFormat.LOG,
      fields(
          "ip", STRING, "ident", STRING, "user", STRING, "ts", TIMESTAMP, "method", STRING,
          "url", STRING, "protocol", STRING, "status", INT, "bytes", LONG, "referrer", STRING,
          "user_agent", STRING, "user_id", STRING)),
  WEB_EVENTS(
      SourceFormat.JSONL,
      fields(
          "event_id", STRING, "ts", TIMESTAMP, "anonymous_id", STRING, "user_id", STRING,
          "event", STRING, "url", STRING, "referrer", STRING, "utm_source", STRING,
          "utm_medium", STRING, "utm_campaign", STRING, "user_agent", STRING, "ip", STRING,
          "order_id", STRING, "sku", STRING)),
  CONTACTS(
      SourceFormat.CSV,
      fields(
          "contact_id", STRING, "customer_id", STRING, "email", STRING, "first_name", STRING,
          "last_name", STRING, "company", STRING, "customer_type", STRING, "street", STRING,
          "postal_code", STRING, "city", STRING, "country", STRING, "phone", STRING,
          "newsletter_opt_in", BOOLEAN, "opt_in_ts", TIMESTAMP, "created_ts", TIMESTAMP,
          "updated_ts", TIMESTAMP, "acquisition_source", STRING)),
  SURVEYS(
      SourceFormat.CSV,
      fields(
          "response_id", STRING, "customer_id", STRING, "email", STRING, "ts", TIMESTAMP,
          "touchpoint", STRING, "csat", INT, "nps", INT, "comment", STRING));

  private final SourceFormat format;
  private final List<CanonicalField> fields;

  SourceKind(SourceFormat format, List<CanonicalField> fields) {
    this.format = format;
    this.fields = fields;
  }

  /** The one format files of this kind come in. */
  public SourceFormat format() {
    return format;
  }

  public List<CanonicalField> fields() {
    return fields;
  }

  public Optional<CanonicalField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The kind named in crm.yaml, e.g. {@code web_logs}. */
  public static SourceKind parse(String name) {
    String expected = " (expected one of transactions, web_logs, web_events, contacts, surveys)";
    if (name == null) {
      throw new IllegalArgumentException("source kind is missing" + expected);
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown source kind '" + name + "'" + expected, e);
    }
  }

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The field that dates a record of this kind (contacts have none). */
  public Optional<String> timestampField() {
    return switch (this) {
      case TRANSACTIONS -> Optional.of("order_ts");
      case WEB_LOGS, WEB_EVENTS, SURVEYS -> Optional.of("ts");
      case CONTACTS -> Optional.empty();
    };
  }

  /** Whether bronze rows of this kind carry an is_bot flag (web traffic). */
  public boolean flagsBots() {
    return this == WEB_LOGS || this == WEB_EVENTS;
  }

  private static List<CanonicalField> fields(Object... nameTypePairs) {
    List<CanonicalField> out = new ArrayList<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      out.add(new CanonicalField((String) nameTypePairs[i], (FieldType) nameTypePairs[i + 1]));
    }
    return Collections.unmodifiableList(out);
  }
}
