package io.crm.etl.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.when;

import io.crm.etl.bronze.BronzeSchema;
import io.crm.etl.source.DeriveRule;
import io.crm.etl.source.SourceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Applies a source's Spark SQL derive rules to the staged records: each expression sees the raw
 * columns it names (as text, by their header names) and its non-null result replaces the field's
 * value. A derived status must be a canonical status or a raw value listed under `status:`;
 * anything else sends the record to quarantine as out_of_range, with the value in the detail.
 *
 * <p>The staged row is packed into one struct while the expressions run, so a raw column named
 * like a canonical field (Quantity next to quantity) cannot shadow it.
 */
final class SqlDeriveRules {
  private static final String ROW = "_staged_row";

  private SqlDeriveRules() {}

  /** Checks every expression against the raw columns before any work, naming the rule that fails. */
  static void check(SparkSession spark, SourceConfig source) {
    List<StructField> raw = new ArrayList<>();
    for (String c : source.ruleColumns()) {
      raw.add(DataTypes.createStructField(c, DataTypes.StringType, true));
    }
    Dataset<Row> empty = spark.createDataFrame(new ArrayList<Row>(), DataTypes.createStructType(raw));
    for (Map.Entry<String, DeriveRule> e : sqlRules(source).entrySet()) {
      try {
        empty.select(expr(e.getValue().sql()).cast("string")).queryExecution().analyzed();
      } catch (Exception ex) { // AnalysisException is checked in Java's eyes
        String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage().split("\n", 2)[0];
        throw new IllegalArgumentException(
            "sources." + source.name() + ".derive." + e.getKey() + ": '" + e.getValue().sql() + "' cannot be evaluated: " + msg, ex);
      }
    }
  }

  static Dataset<Row> apply(Dataset<Row> staged, SourceConfig source) {
    Map<String, DeriveRule> rules = sqlRules(source);
    List<Column> wide = new ArrayList<>();
    wide.add(struct(col("*")).as(ROW));
    for (String c : source.ruleColumns()) {
      wide.add(col(BronzeSchema.RAW_COLUMNS).getItem(c).as(c));
    }
    List<Column> derived = new ArrayList<>();
    derived.add(col(ROW));
    for (Map.Entry<String, DeriveRule> e : rules.entrySet()) {
      derived.add(trim(expr(e.getValue().sql()).cast("string")).as(derivedName(e.getKey())));
    }
    List<Column> unpacked = new ArrayList<>();
    unpacked.add(col(ROW + ".*"));
    for (String f : rules.keySet()) {
      unpacked.add(col(derivedName(f)));
    }
    Dataset<Row> out = staged.select(wide.toArray(Column[]::new)).select(derived.toArray(Column[]::new)).select(unpacked.toArray(Column[]::new));

    Column good = col(BronzeSchema.REASON).isNull();
    for (String field : rules.keySet()) {
      Column d = col(derivedName(field));
      Column value = d.isNotNull().and(d.notEqual(""));
      if (field.equals("status")) {
        Map<String, String> statuses = new LinkedHashMap<>(source.status());
        for (String s : RecordConverter.STATUSES) {
          statuses.putIfAbsent(s, s);
        }
        List<Column> pairs = new ArrayList<>();
        statuses.forEach((raw, canonical) -> {
          pairs.add(lit(raw));
          pairs.add(lit(canonical));
        });
        Column mapped = try_element_at(map(pairs.toArray(Column[]::new)), lower(d));
        Column bad = good.and(value).and(mapped.isNull());
        out = out
            .withColumn(BronzeSchema.DETAIL, when(bad,
                concat(lit("status: '"), d, lit("' from the sql derive rule is neither a status "
                    + RecordConverter.STATUSES + " nor a raw value listed under sources." + source.name() + ".status")))
                .otherwise(col(BronzeSchema.DETAIL)))
            .withColumn(BronzeSchema.REASON, when(bad, lit(ReasonCode.OUT_OF_RANGE.code())).otherwise(col(BronzeSchema.REASON)))
            .withColumn(field, when(good.and(value), coalesce(mapped, col(field))).otherwise(col(field)));
      } else {
        out = out.withColumn(field, when(good.and(value), d).otherwise(col(field)));
      }
      out = out.drop(derivedName(field));
    }
    return out.drop(BronzeSchema.RAW_COLUMNS);
  }

  private static Map<String, DeriveRule> sqlRules(SourceConfig source) {
    Map<String, DeriveRule> out = new LinkedHashMap<>();
    source.derive().forEach((field, rules) -> rules.stream().filter(DeriveRule::isSql).findFirst().ifPresent(r -> out.put(field, r)));
    return out;
  }

  private static String derivedName(String field) {
    return "_derived_" + field;
  }
}
