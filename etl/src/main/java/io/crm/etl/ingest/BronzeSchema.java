package io.crm.etl.ingest;

import io.crm.etl.source.CanonicalField;
import io.crm.etl.source.SourceConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column layouts of bronze, quarantine and the staging table in between (SPEC.md, "Bronze").
 * Bronze and quarantine also carry `_row_hash`, the record's content key used to drop exact
 * duplicates (see {@link Deduplicator}).
 */
public final class BronzeSchema {
  public static final String SOURCE = "_source";
  public static final String FILE = "_file";
  public static final String LINE = "_line";
  public static final String ROW_HASH = "_row_hash";
  public static final String INGESTED_AT = "_ingested_at";
  public static final String IS_BOT = "is_bot";
  public static final String PARTITION = "ingest_date";
  /** Staging only: null for a good row, the reason code for a rejected one. */
  static final String REASON = "_reason";
  static final String DETAIL = "_detail";
  static final String RAW_TEXT = "_raw_text";
  /** Staging only: whether the record carries its own id (order_id, event_id, contact_id, response_id). */
  static final String HAS_ID = "_has_id";

  private BronzeSchema() {}

  /** The typed canonical fields (plus is_bot for web traffic), in bronze column order. */
  public static List<StructField> dataFields(SourceConfig config) {
    List<StructField> out = new ArrayList<>();
    for (CanonicalField f : config.fields()) {
      out.add(DataTypes.createStructField(f.name(), sparkType(f), true));
    }
    if (config.kind().flagsBots()) {
      out.add(DataTypes.createStructField(IS_BOT, DataTypes.BooleanType, true));
    }
    return out;
  }

  /** Bronze columns as stored in the Parquet files (ingest_date is the partition folder). */
  public static StructType bronze(SourceConfig config) {
    List<StructField> out = new ArrayList<>(dataFields(config));
    out.add(DataTypes.createStructField(SOURCE, DataTypes.StringType, false));
    out.add(DataTypes.createStructField(FILE, DataTypes.StringType, false));
    out.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
    out.add(DataTypes.createStructField(ROW_HASH, DataTypes.StringType, false));
    out.add(DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, false));
    return DataTypes.createStructType(out);
  }

  /** Quarantine columns as stored (ingest_date is the partition folder). */
  public static StructType quarantine() {
    return DataTypes.createStructType(
        List.of(
            DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
            DataTypes.createStructField(FILE, DataTypes.StringType, false),
            DataTypes.createStructField(LINE, DataTypes.LongType, false),
            DataTypes.createStructField("reason", DataTypes.StringType, false),
            DataTypes.createStructField("detail", DataTypes.StringType, true),
            DataTypes.createStructField("raw_text", DataTypes.StringType, true),
            DataTypes.createStructField(ROW_HASH, DataTypes.StringType, false),
            DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, false)));
  }

  /** What the parsing tasks emit: good and rejected records in one table. */
  static StructType staging(SourceConfig config) {
    List<StructField> out = new ArrayList<>(dataFields(config));
    out.add(DataTypes.createStructField(SOURCE, DataTypes.StringType, false));
    out.add(DataTypes.createStructField(FILE, DataTypes.StringType, false));
    out.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
    out.add(DataTypes.createStructField(ROW_HASH, DataTypes.StringType, false));
    out.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
    out.add(DataTypes.createStructField(DETAIL, DataTypes.StringType, true));
    out.add(DataTypes.createStructField(RAW_TEXT, DataTypes.StringType, true));
    out.add(DataTypes.createStructField(HAS_ID, DataTypes.BooleanType, false));
    return DataTypes.createStructType(out);
  }

  private static DataType sparkType(CanonicalField f) {
    return switch (f.type()) {
      case STRING -> DataTypes.StringType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case DECIMAL -> DataTypes.createDecimalType(18, 4);
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case BOOLEAN -> DataTypes.BooleanType;
    };
  }
}
