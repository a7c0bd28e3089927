package io.crm.etl.ingest;

import io.crm.warehouse.Warehouse;
import static io.crm.etl.ingest.IngestFixture.DAY;
import static io.crm.etl.ingest.IngestFixture.assertReconciles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.split;

import io.crm.etl.SharedSpark;
import io.crm.etl.bronze.BronzeSchema;
import io.crm.etl.source.SourceConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest step with its workspace on HDFS (an in-process mini cluster from Hadoop's test
 * artifacts): landing files, bronze, quarantine, ledger and temporary folders all behind
 * {@code hdfs://} URIs. It must give the rows a local workspace gives for the same files, and a
 * re-run must find its ledger there and skip them.
 */
class IngestOnHdfsTest {
  private static final String HEADER = ReconciliationIngestTest.HEADER;
  private static final String DAY1 = HEADER + ReconciliationIngestTest.R1 + ReconciliationIngestTest.R2
      + ReconciliationIngestTest.R3 + ReconciliationIngestTest.BAD;
  private static final String DAY2 = HEADER + ReconciliationIngestTest.R3 + ReconciliationIngestTest.R4
      + ReconciliationIngestTest.R4 + ReconciliationIngestTest.BAD;

  @TempDir static Path tmp;
  private static MiniDFSCluster hdfs;
  private static FileSystem fs;

  @BeforeAll
  static void startHdfs() throws IOException {
    Configuration conf = new Configuration();
    hdfs = new MiniDFSCluster.Builder(conf, tmp.resolve("dfs").toFile()).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown(true);
    }
  }

  @Test
  void ingestOnHdfsGivesTheRowsOfALocalWorkspaceAndSkipsOnRerun() throws IOException {
    SourceConfig orders = ReconciliationIngestTest.orders();
    Path localHome = tmp.resolve("local");
    Files.createDirectories(localHome.resolve("landing/orders"));
    Files.writeString(localHome.resolve("landing/orders/day1.csv"), DAY1);
    Files.writeString(localHome.resolve("landing/orders/day2.csv"), DAY2);
    String hdfsHome = hdfs.getURI() + "/crm";
    write(hdfsHome + "/landing/orders/day1.csv", DAY1);
    write(hdfsHome + "/landing/orders/day2.csv", DAY2);

    SourceResult local = ingest(localHome.toString(), localHome.resolve("warehouse").toString(), orders);
    SourceResult onHdfs = ingest(hdfsHome, hdfsHome + "/warehouse", orders);

    assertReconciles(onHdfs);
    assertEquals(List.of(8L, 5L, 1L, 2L), List.of(onHdfs.read(), onHdfs.loaded(), onHdfs.quarantined(), onHdfs.duplicates()));
    assertEquals(List.of(local.read(), local.loaded(), local.quarantined(), local.duplicates()),
        List.of(onHdfs.read(), onHdfs.loaded(), onHdfs.quarantined(), onHdfs.duplicates()));

    org.apache.hadoop.fs.Path partition = new org.apache.hadoop.fs.Path(hdfsHome + "/warehouse/bronze/orders/ingest_date=" + DAY);
    assertTrue(fs.exists(partition), "bronze partition on HDFS: " + partition);
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(hdfsHome + "/warehouse/_tmp")), "no temporary folder left on HDFS");
    for (String table : List.of("bronze", "quarantine")) {
      List<String> fromHdfs = rows(hdfsHome + "/warehouse/" + table + "/orders");
      assertTrue(fromHdfs.stream().allMatch(r -> r.contains("day1.csv") || r.contains("day2.csv")), fromHdfs.toString());
      assertEquals(rows(localHome.resolve("warehouse").resolve(table).resolve("orders").toString()), fromHdfs, table);
    }
    assertTrue(spark().read().parquet(hdfsHome + "/warehouse/bronze/orders").select("_file").first().getString(0).startsWith("hdfs://"),
        "bronze records the HDFS file it read");

    SourceResult again = ingest(hdfsHome, hdfsHome + "/warehouse", orders);
    assertEquals(2, again.filesSkipped(), "the ledger on HDFS knows both files");
    assertEquals(0, again.read());
  }

  private static SourceResult ingest(String home, String warehouse, SourceConfig source) {
    return new Ingest(spark(), home, Warehouse.open(warehouse, spark().sparkContext().hadoopConfiguration()), DAY, PublishHook.NONE).run(new IngestRequest(List.of(source), false)).sources().get(0);
  }

  private static SparkSession spark() {
    return SharedSpark.get();
  }

  /** A table's rows as text, sorted, with the file reduced to its name and the ingest time left out. */
  private static List<String> rows(String table) {
    return spark().read().parquet(table)
        .drop(BronzeSchema.INGESTED_AT)
        .withColumn(BronzeSchema.FILE, element_at(split(col(BronzeSchema.FILE), "/"), -1))
        .collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static void write(String uri, String text) throws IOException {
    try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(uri))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
