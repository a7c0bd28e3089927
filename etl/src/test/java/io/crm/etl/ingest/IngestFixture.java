package io.crm.etl.ingest;

import io.crm.warehouse.Warehouse;
import io.crm.etl.SharedSpark;
import io.crm.etl.source.SourceConfig;
import io.crm.etl.source.SourceConfigParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A throw-away workspace for ingest tests: landing files in, bronze and quarantine out. */
final class IngestFixture {
  static final LocalDate DAY = LocalDate.of(2026, 11, 23);

  final Path home;

  IngestFixture(Path home) {
    this.home = home;
  }

  SparkSession spark() {
    return SharedSpark.get();
  }

  Path warehouse() {
    return home.resolve("warehouse");
  }

  /** Writes text into landing/<rel> in the given encoding (creating folders). */
  Path landing(String rel, String text, Charset encoding) throws IOException {
    return write(rel, text.getBytes(encoding));
  }

  /** An orders export landing/orders/<file> of {@link ReconciliationIngestTest}'s columns with these lines, then ingested on {@code day}. */
  IngestResult ordersNight(String file, LocalDate day, String... lines) throws IOException {
    landing("orders/" + file, ReconciliationIngestTest.HEADER + String.join("", lines), java.nio.charset.StandardCharsets.UTF_8);
    return ingest(List.of(ReconciliationIngestTest.orders()), false, day, PublishHook.NONE);
  }

  Path write(String rel, byte[] bytes) throws IOException {
    Path p = home.resolve("landing").resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return p;
  }

  static byte[] gzip(byte[] data) throws IOException {
    var bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  IngestResult ingest(List<SourceConfig> sources, boolean force, LocalDate day, PublishHook hook) {
    Warehouse warehouse = Warehouse.open(warehouse().toString(), spark().sparkContext().hadoopConfiguration());
    return new Ingest(spark(), home.toString(), warehouse, day, hook).run(new IngestRequest(sources, force));
  }

  SourceResult ingest(SourceConfig source) {
    return ingest(List.of(source), false, DAY, PublishHook.NONE).sources().get(0);
  }

  Dataset<Row> bronze(String source) {
    return spark().read().parquet(warehouse().resolve("bronze").resolve(source).toString());
  }

  Dataset<Row> quarantine(String source) {
    return spark().read().parquet(warehouse().resolve("quarantine").resolve(source).toString());
  }

  boolean hasQuarantine(String source) {
    return Files.isDirectory(warehouse().resolve("quarantine").resolve(source));
  }

  /** A source config from YAML-shaped maps, as crm.yaml would give it. */
  static SourceConfig source(String name, Object... keyValues) {
    return SourceConfigParser.parseOne(name, map(keyValues));
  }

  static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  static void assertReconciles(SourceResult r) {
    org.junit.jupiter.api.Assertions.assertEquals(r.read(), r.loaded() + r.quarantined() + r.duplicates() + r.erased(), r.toString());
  }
}
