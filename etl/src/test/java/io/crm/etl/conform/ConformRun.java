package io.crm.etl.conform;

import io.crm.etl.SharedSpark;
import io.crm.etl.source.SourceKind;
import io.crm.warehouse.KeyedHash;
import io.crm.warehouse.SessionCustomers;
import io.crm.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A test warehouse at {@code <dir>}: bronze fixtures under {@code <dir>/bronze}, conform commits silver. */
final class ConformRun {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** Few rows per file of the web tables, so that a night has files to rewrite and files to link. */
  static final long ROWS_PER_FILE = 3;
  /** The keyed hash every test conform uses for customer_key. */
  static final KeyedHash KEYS = new KeyedHash("conform-test-secret-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8));

  final Path dir;
  final Path bronze;
  final Map<String, SourceKind> sources = new LinkedHashMap<>();

  ConformRun(Path dir) {
    this.dir = dir;
    this.bronze = dir.resolve("bronze");
    sources.put("transactions", SourceKind.TRANSACTIONS);
    sources.put("shop_erp", SourceKind.TRANSACTIONS);
    sources.put("web_logs", SourceKind.WEB_LOGS);
    sources.put("web_events", SourceKind.WEB_EVENTS);
    sources.put("contacts", SourceKind.CONTACTS);
    sources.put("contacts_de", SourceKind.CONTACTS);
    sources.put("surveys", SourceKind.SURVEYS);
  }

  ConformResult run() {
    return run(null);
  }

  ConformResult run(LocalDate asOf) {
    Warehouse warehouse = warehouse();
    ConformResult r = new Conform(SharedSpark.get(), warehouse, BERLIN, sources, KEYS).rowsPerFile(ROWS_PER_FILE).run(asOf);
    warehouse.commit("conform", "test");
    return r;
  }

  /** A conform that cuts all web traffic into sessions again ({@code crm conform --full-refresh}). */
  ConformResult runFullRefresh() {
    return run(true, null);
  }

  /** A conform (full refresh or not) that retires the bronze of ingest dates before {@code retainFrom}. */
  ConformResult run(boolean fullRefresh, LocalDate retainFrom) {
    Warehouse warehouse = warehouse();
    ConformResult r = new Conform(SharedSpark.get(), warehouse, BERLIN, sources, KEYS).rowsPerFile(ROWS_PER_FILE)
        .run(null, fullRefresh, retainFrom, phase -> { });
    warehouse.commit("conform", "test");
    return r;
  }

  Warehouse warehouse() {
    return Warehouse.open(dir.toString(), SharedSpark.get().sparkContext().hadoopConfiguration());
  }

  /** The folder of the current version of a silver table. */
  Path tableFolder(String name) {
    return Path.of(warehouse().silver(name).orElseThrow());
  }

  /** Data files of the current version of a silver table that are hard links (shared with an older version). */
  long linkedFiles(String name) {
    try (var files = java.nio.file.Files.list(tableFolder(name))) {
      long linked = 0;
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
        if ((Integer) java.nio.file.Files.getAttribute(f, "unix:nlink") > 1) {
          linked++;
        }
      }
      return linked;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A silver table as readers see it (sessions and page views with their person). */
  Dataset<Row> table(String name) {
    return SessionCustomers.read(SharedSpark.get(), warehouse(), name);
  }

  List<Row> rows(String name, String where, String... orderBy) {
    Dataset<Row> df = table(name);
    if (where != null) {
      df = df.where(where);
    }
    if (orderBy.length > 0) {
      df = df.orderBy(orderBy[0], java.util.Arrays.copyOfRange(orderBy, 1, orderBy.length));
    }
    return new ArrayList<>(df.collectAsList());
  }

  /** customer_id that silver.identities gives the identity of this type and value (null if none). */
  String personOf(String type, String value) {
    List<Row> r = table("identities").where(
        org.apache.spark.sql.functions.col("identity_type").equalTo(type)
            .and(org.apache.spark.sql.functions.col("identity_value").equalTo(value))).collectAsList();
    if (r.size() != 1) {
      throw new AssertionError("expected one identity " + type + "=" + value + ", found " + r.size());
    }
    return r.get(0).getAs("customer_id");
  }
}
