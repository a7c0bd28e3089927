package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.ledger.RunLedger;
import io.crm.jobs.spark.SparkSessions;
import io.crm.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly graph with the warehouse on HDFS (an in-process mini cluster from Hadoop's test
 * artifacts, as {@code IngestOnHdfsTest} in etl uses) and the home local, against the same night
 * with a local warehouse on a copy of the same landing files: same tables, same rows, every
 * table and ledger really on HDFS and nothing in the home's warehouse/ folder.
 */
class HdfsWarehouseTest {
  private static final LocalDate AS_OF = LocalDate.parse(QuarterShop.AS_OF);
  /** Columns that time the run; everything else must be equal. */
  private static final List<String> RUN_TIME_COLUMNS = List.of("computed_at", "trained_at");

  @TempDir static Path tmp;
  private static MiniDFSCluster hdfs;
  private static FileSystem fs;
  private static Path localHome;
  private static Path hdfsHome;
  private static String hdfsWarehouse;
  private static CrmRun hdfsNight;
  private static double hdfsSeconds;

  @BeforeAll
  static void runTheNightOnHdfs() throws IOException {
    hdfs = new MiniDFSCluster.Builder(new Configuration(), tmp.resolve("dfs").toFile()).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    hdfsWarehouse = hdfs.getURI() + "/crm/warehouse";

    // the local night is the quarter shop's; the HDFS home starts from the same landing files,
    // settings and secret (gold's customer_key is a keyed hash, so equal gold needs one secret)
    localHome = tmp.resolve("local");
    QuarterShop.copyNightTo(localHome);
    hdfsHome = tmp.resolve("home-of-hdfs");
    QuarterShop.copyInputsTo(hdfsHome);
    Files.writeString(hdfsHome.resolve("crm.yaml"), "\nwarehouse: " + hdfsWarehouse + "\n", StandardOpenOption.APPEND);

    long started = System.nanoTime();
    hdfsNight = CrmRun.of("nightly", "--home", hdfsHome.toString(), "--as-of", AS_OF.toString());
    hdfsSeconds = (System.nanoTime() - started) / 1e9;
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown(true);
    }
  }

  @Test
  void aNightOnHdfsGivesTheTablesAndRowsOfALocalNight() {
    assertEquals(ExitCode.OK, hdfsNight.exit(), hdfsNight.out() + hdfsNight.err());
    System.out.printf("HdfsWarehouseTest: nightly with the warehouse on HDFS took %.1f s%n", hdfsSeconds);
    Warehouse local = Warehouse.open(localHome.resolve("warehouse").toString(), new Configuration());
    Warehouse remote = Warehouse.open(hdfsWarehouse, new Configuration());

    assertEquals(local.silverTables(), remote.silverTables());
    assertTrue(remote.silverTables().containsAll(List.of("customers", "orders", "order_lines", "sessions", "identities")),
        remote.silverTables().toString());
    for (String table : local.silverTables()) {
      long rows = spark().read().parquet(local.silver(table).orElseThrow()).count();
      assertEquals(rows, spark().read().parquet(remote.silver(table).orElseThrow()).count(), "rows of silver." + table);
    }
    assertTrue(spark().read().parquet(remote.silver("orders").orElseThrow()).count() > 100, "the night had orders to conform");

    assertEquals(local.goldTables(), remote.goldTables());
    assertTrue(remote.goldTables().containsAll(List.of("segments", "customer_features", "clv", "churn_scores", "cubes/sales")),
        remote.goldTables().toString());
    for (String table : local.goldTables()) {
      assertEquals(rows(local.gold(table, AS_OF).orElseThrow()), rows(remote.gold(table, AS_OF).orElseThrow()), "gold " + table);
    }
    Dataset<Row> segments = spark().read().parquet(remote.gold("segments", AS_OF).orElseThrow());
    assertTrue(segments.count() >= 100, "segments of the generated customers: " + segments.count());
    assertEquals(segments.count(), segments.select("customer_key").distinct().count(), "one segment row per customer");
  }

  @Test
  void theTablesAndLedgersAreOnHdfsAndNothingInTheLocalHome() throws IOException {
    assertEquals(ExitCode.OK, hdfsNight.exit(), hdfsNight.out() + hdfsNight.err());
    for (String dir : List.of("bronze/transactions", "quarantine", "silver/orders", "gold/segments", "gold/cubes/sales")) {
      assertTrue(parquetFiles(hdfsWarehouse + "/" + dir) > 0, "Parquet files in " + hdfsWarehouse + "/" + dir);
    }
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(hdfsWarehouse + "/_manifest/0000000001.json")), "the night's manifest on HDFS");
    assertTrue(fs.listStatus(new org.apache.hadoop.fs.Path(hdfsWarehouse + "/_runs/ingest")).length > 0, "the ingest ledger on HDFS");
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(hdfsWarehouse + "/_tmp")), "no scratch folder left on HDFS");

    List<RunLedger.Entry> ledger = new RunLedger(hdfsWarehouse + "/_runs", new Configuration()).entries();
    assertEquals(List.of("ingest", "conform", "segment", "clv", "churn score", "cubes", "nightly"),
        ledger.stream().map(RunLedger.Entry::job).toList());
    assertTrue(ledger.stream().allMatch(e -> e.outcome().equals(RunLedger.OK)), ledger.toString());
    assertTrue(CrmRun.ok("runs", "--home", hdfsHome.toString()).contains("churn score"), "crm runs reads the ledger on HDFS");

    assertFalse(Files.exists(hdfsHome.resolve("warehouse")), "nothing written to the home's warehouse/ folder");
    assertFalse(Files.exists(hdfsHome.resolve("crm.duckdb")), "no crm.duckdb over a warehouse DuckDB cannot read");
    assertTrue(hdfsNight.err().contains("which DuckDB cannot read: crm.duckdb is not refreshed"), hdfsNight.err());
    assertTrue(Files.exists(localHome.resolve("crm.duckdb")), "the local night has its crm.duckdb");
  }

  @Test
  void commandsThatNeedDuckDbSayWhyInOneLine() {
    CrmRun query = CrmRun.of("query", "--home", hdfsHome.toString(), "SELECT 1");
    assertEquals(ExitCode.BAD_INPUT, query.exit(), query.out() + query.err());
    assertEquals(1, query.err().strip().lines().count(), query.err());
    assertTrue(query.err().contains("on " + hdfsWarehouse + ", which DuckDB cannot read"), query.err());
  }

  /** A gold snapshot's rows as sorted text, without the columns that time the run. */
  private static List<String> rows(String path) {
    Dataset<Row> data = spark().read().parquet(path);
    for (String column : data.columns()) {
      if (RUN_TIME_COLUMNS.contains(column) || column.endsWith("_seconds")) {
        data = data.drop(column);
      }
    }
    String[] columns = data.columns();
    Arrays.sort(columns);
    return data.selectExpr(columns).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static long parquetFiles(String dir) throws IOException {
    long n = 0;
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(new org.apache.hadoop.fs.Path(dir), true);
    while (files.hasNext()) {
      LocatedFileStatus f = files.next();
      if (f.getPath().getName().endsWith(".parquet") && f.getPath().toUri().getScheme().equals("hdfs")) {
        n++;
      }
    }
    return n;
  }

  private static SparkSession spark() {
    return SparkSessions.getOrCreate("crm");
  }
}
