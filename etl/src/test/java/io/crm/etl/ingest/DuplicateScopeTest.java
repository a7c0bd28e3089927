package io.crm.etl.ingest;

import static io.crm.etl.ingest.IngestFixture.DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.etl.conform.FileRanges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which bronze files a night's duplicate search reads: those whose times meet the new records'. */
class DuplicateScopeTest {
  @TempDir Path home;

  private static long micros(String instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));
  }

  /** Two nights of orders, 1 and 2 January, each in its own ingest date. */
  private IngestFixture twoNights() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.ordersNight("day1.csv", DAY, ReconciliationIngestTest.R1, ReconciliationIngestTest.R2);
    ws.ordersNight("day2.csv", DAY.plusDays(1), ReconciliationIngestTest.R3, ReconciliationIngestTest.R4);
    return ws;
  }

  private static List<Path> partitions(IngestFixture ws) throws Exception {
    try (Stream<Path> s = Files.list(ws.warehouse().resolve("bronze/orders"))) {
      return s.filter(p -> p.getFileName().toString().startsWith("ingest_date=")).sorted().toList();
    }
  }

  private static DuplicateScope scope(IngestFixture ws) throws Exception {
    return new DuplicateScope(ws.spark(), FileSystem.getLocal(ws.spark().sparkContext().hadoopConfiguration()), "order_ts");
  }

  private static org.apache.hadoop.fs.Path table(IngestFixture ws) {
    return new org.apache.hadoop.fs.Path(ws.warehouse().resolve("bronze/orders").toUri());
  }

  @Test
  void onlyFilesWhoseTimesMeetTheRangeAreRead() throws Exception {
    IngestFixture ws = twoNights();
    List<Path> partitions = partitions(ws);
    assertEquals(2, partitions.size(), partitions.toString());
    for (Path p : partitions) {
      assertTrue(Files.exists(p.resolve(FileRanges.FILE)), "ingest keeps the ranges of the files it writes in " + p);
    }

    List<String> secondDay = scope(ws).files(table(ws), micros("2024-01-02T09:00:00Z"), micros("2024-01-02T10:00:00Z"));
    assertFalse(secondDay.isEmpty());
    assertTrue(secondDay.stream().allMatch(f -> f.contains(partitions.get(1).getFileName().toString())),
        "only the second night's files hold 2 January: " + secondDay);
    assertTrue(scope(ws).files(table(ws), micros("2024-01-03T00:00:00Z"), micros("2024-01-04T00:00:00Z")).isEmpty(),
        "no file holds a later time");
    List<String> both = scope(ws).files(table(ws), micros("2024-01-01T11:00:00Z"), micros("2024-01-02T10:00:00Z"));
    assertTrue(both.stream().anyMatch(f -> f.contains(partitions.get(0).getFileName().toString()))
        && both.stream().anyMatch(f -> f.contains(partitions.get(1).getFileName().toString())), both.toString());
  }

  /** A partition written before there were ranges (or rewritten by an erasure) is scanned once and then known. */
  @Test
  void aPartitionWithoutRangesIsScannedOnceAndGetsThem() throws Exception {
    IngestFixture ws = twoNights();
    Path first = partitions(ws).get(0);
    Files.delete(first.resolve(FileRanges.FILE));

    List<String> early = scope(ws).files(table(ws), micros("2024-01-01T00:00:00Z"), micros("2024-01-01T23:00:00Z"));

    assertTrue(Files.exists(first.resolve(FileRanges.FILE)), "the ranges were written back");
    assertTrue(early.stream().allMatch(f -> f.contains(first.getFileName().toString())), early.toString());
    assertFalse(early.isEmpty());
    try (Stream<Path> s = Files.list(first)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
    }
  }

  /** The ranges file is a cache: a damaged one is learnt again from the files, not a failed night. */
  @Test
  void aDamagedRangesFileIsLearntAgain() throws Exception {
    IngestFixture ws = twoNights();
    Path first = partitions(ws).get(0);
    Files.writeString(first.resolve(FileRanges.FILE), "file\tcolumn\tleast_micros\tgreatest_micros\npart-0\torder_ts\t17",
        java.nio.charset.StandardCharsets.UTF_8);

    List<String> early = scope(ws).files(table(ws), micros("2024-01-01T00:00:00Z"), micros("2024-01-01T23:00:00Z"));

    assertFalse(early.isEmpty());
    assertTrue(early.stream().allMatch(f -> f.contains(first.getFileName().toString())), early.toString());
    FileRanges again = FileRanges.read(FileSystem.getLocal(ws.spark().sparkContext().hadoopConfiguration()),
        new org.apache.hadoop.fs.Path(first.toUri()));
    try (Stream<Path> s = Files.list(first)) {
      List<String> data = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).toList();
      assertFalse(data.isEmpty());
      assertTrue(data.stream().allMatch(n -> again.knows(n, List.of("order_ts"))), "the ranges were written back: " + data);
    }
    SourceResult third = ws.ordersNight("day3.csv", DAY.plusDays(2), ReconciliationIngestTest.R1).sources().get(0);
    assertEquals(List.of(1L, 0L, 1L), List.of(third.read(), third.loaded(), third.duplicates()),
        "a copy of a row of the damaged partition is still found");
  }

  /** A second load into the same ingest date keeps the ranges of the files it copies and adds its own. */
  @Test
  void aSecondLoadIntoTheSameDayKeepsAndAddsRanges() throws Exception {
    IngestFixture ws = new IngestFixture(home);
    ws.ordersNight("day1.csv", DAY, ReconciliationIngestTest.R1);
    ws.ordersNight("day2.csv", DAY, ReconciliationIngestTest.R3);

    Path partition = partitions(ws).get(0);
    FileRanges ranges = FileRanges.read(FileSystem.getLocal(ws.spark().sparkContext().hadoopConfiguration()),
        new org.apache.hadoop.fs.Path(partition.toUri()));
    List<String> data;
    try (Stream<Path> s = Files.list(partition)) {
      data = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).toList();
    }
    assertTrue(data.size() >= 2, data.toString());
    assertTrue(data.stream().allMatch(n -> ranges.knows(n, List.of("order_ts"))), "every file of the partition is known: " + data);
  }
}
