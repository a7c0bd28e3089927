package io.crm.analytics.clv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Builds a silver {@code orders} table from src/test/resources/cdnow/CDNOW_sample.txt (see
 * SOURCE.md): one completed order per row, order_date from the yyyyMMdd column, net_amount = the
 * dollar value. customer_key is the sample id without leading zeros ("1".."2357"), the ID the
 * summary files use, so per-customer results can be matched against them.
 */
final class CdnowSilverOrders {
  static final String ORDERS_DDL =
      "order_id string, customer_key string, ordered_at timestamp, order_date date, status string, gross_amount double, "
          + "returned_amount double, net_amount double, country string, channel string, is_guest boolean";
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private CdnowSilverOrders() {}

  /** The parsed rows of the sample file. */
  static List<Row> rows() {
    Path file = CdnowFixtures.resource("CDNOW_sample.txt");
    List<Row> rows = new ArrayList<>();
    try {
      int line = 0;
      for (String text : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        line++;
        String t = text.strip();
        if (t.isEmpty()) {
          continue;
        }
        String[] f = t.split("\\s+");
        if (f.length != 5) {
          throw new IllegalStateException("CDNOW_sample.txt line " + line + " has " + f.length + " fields: '" + text + "'");
        }
        LocalDate day = LocalDate.parse(f[2], DAY);
        double dollars = Double.parseDouble(f[4]);
        rows.add(RowFactory.create("cdnow-" + line, Integer.toString(Integer.parseInt(f[1])),
            Timestamp.valueOf(day.atTime(12, 0)), Date.valueOf(day), "completed", dollars, 0.0, dollars, "US", "web", false));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Writes {@code <root>/orders} and returns root. */
  static String writeTo(SparkSession spark, Path root) {
    spark.createDataFrame(rows(), StructType.fromDDL(ORDERS_DDL))
        .write().mode(SaveMode.Overwrite).parquet(root.resolve("orders").toString());
    return root.toString();
  }
}
