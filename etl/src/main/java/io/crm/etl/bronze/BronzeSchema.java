package io.crm.etl.bronze;

import io.crm.etl.source.CanonicalField;
import io.crm.etl.source.FieldType;
import io.crm.etl.source.SourceConfig;
import io.crm.etl.source.SourceKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The bronze contract between ingest, which writes bronze and quarantine, and conform, which reads
 * bronze (SPEC.md, "Bronze"). Bronze holds a source's typed canonical fields (plus is_bot for web
 * traffic and any configured trailing fields), then lineage: source, file, line, the content key
 * used to drop exact duplicates, and the ingest time. The ingest date is the partition folder.
 */
public final class BronzeSchema {
  public static final String SOURCE = "_source";
  public static final String FILE = "_file";
  public static final String LINE = "_line";
  public static final String ROW_HASH = "_row_hash";
  public static final String INGESTED_AT = "_ingested_at";
  public static final String IS_BOT = "is_bot";
  public static final String PARTITION = "ingest_date";
  /** The access-log trailing field conform links visitors by (crm.yaml `trailing_fields`). */
  public static final String COOKIE_ID = "cookie_id";
  /** Ingest's parse table only: null for a good row, the reason code for a rejected one. */
  public static final String REASON = "_reason";
  public static final String DETAIL = "_detail";
  public static final String RAW_TEXT = "_raw_text";
  /** Ingest's parse table only: whether the record carries its own id (order_id, event_id, ...). */
  public static final String HAS_ID = "_has_id";
  /** Staging only, for sources with SQL derive rules: the raw columns the rules read, by name. */
  public static final String RAW_COLUMNS = "_raw_columns";

  private static final DecimalType MONEY = DataTypes.createDecimalType(18, 4);

  private BronzeSchema() {}

  /** The typed canonical fields (plus is_bot for web traffic), in bronze column order. */
  public static List<StructField> dataFields(SourceConfig config) {
    return dataFields(config.kind(), config.fields());
  }

  /** Bronze columns as stored in the Parquet files of one source. */
  public static StructType bronze(SourceConfig config) {
    List<StructField> out = new ArrayList<>(dataFields(config));
    out.add(notNull(SOURCE, DataTypes.StringType));
    out.add(notNull(FILE, DataTypes.StringType));
    out.add(notNull(LINE, DataTypes.LongType));
    out.add(notNull(ROW_HASH, DataTypes.StringType));
    out.add(notNull(INGESTED_AT, DataTypes.TimestampType));
    return DataTypes.createStructType(out);
  }

  /**
   * The bronze columns conform reads for every source of a kind: the canonical fields, the cookie
   * id of access logs, is_bot, and lineage without the content key. A column a source lacks reads
   * as a typed null, so conform does not depend on how a source was configured.
   */
  public static StructType of(SourceKind kind) {
    List<CanonicalField> fields = new ArrayList<>(kind.fields());
    if (kind == SourceKind.WEB_LOGS) {
      fields.add(new CanonicalField(COOKIE_ID, FieldType.STRING));
    }
    List<StructField> out = new ArrayList<>(dataFields(kind, fields));
    out.addAll(lineage());
    return DataTypes.createStructType(out);
  }

  /** Lineage columns every bronze row carries and conform keeps. */
  public static List<StructField> lineage() {
    return List.of(
        nullable(SOURCE, DataTypes.StringType),
        nullable(FILE, DataTypes.StringType),
        nullable(LINE, DataTypes.LongType),
        nullable(INGESTED_AT, DataTypes.TimestampType));
  }

  /** Quarantine columns as stored. */
  public static StructType quarantine() {
    return DataTypes.createStructType(
        List.of(
            notNull(SOURCE, DataTypes.StringType),
            notNull(FILE, DataTypes.StringType),
            notNull(LINE, DataTypes.LongType),
            notNull("reason", DataTypes.StringType),
            nullable("detail", DataTypes.StringType),
            nullable("raw_text", DataTypes.StringType),
            notNull(ROW_HASH, DataTypes.StringType),
            notNull(INGESTED_AT, DataTypes.TimestampType)));
  }

  /** What ingest's parsing tasks emit: good and rejected records in one table. */
  public static StructType parsed(SourceConfig config) {
    List<StructField> out = new ArrayList<>(dataFields(config));
    out.add(notNull(SOURCE, DataTypes.StringType));
    out.add(notNull(FILE, DataTypes.StringType));
    out.add(notNull(LINE, DataTypes.LongType));
    out.add(notNull(ROW_HASH, DataTypes.StringType));
    out.add(nullable(REASON, DataTypes.StringType));
    out.add(nullable(DETAIL, DataTypes.StringType));
    out.add(nullable(RAW_TEXT, DataTypes.StringType));
    out.add(notNull(HAS_ID, DataTypes.BooleanType));
    if (config.hasSqlRules()) {
      out.add(nullable(RAW_COLUMNS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)));
    }
    return DataTypes.createStructType(out);
  }

  private static List<StructField> dataFields(SourceKind kind, List<CanonicalField> fields) {
    List<StructField> out = new ArrayList<>();
    for (CanonicalField f : fields) {
      out.add(nullable(f.name(), sparkType(f.type())));
    }
    if (kind.flagsBots()) {
      out.add(nullable(IS_BOT, DataTypes.BooleanType));
    }
    return out;
  }

  private static DataType sparkType(FieldType type) {
    return switch (type) {
      case STRING -> DataTypes.StringType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case DECIMAL -> MONEY;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case BOOLEAN -> DataTypes.BooleanType;
    };
  }

  private static StructField nullable(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  private static StructField notNull(String name, DataType type) {
    return DataTypes.createStructField(name, type, false);
  }
}
