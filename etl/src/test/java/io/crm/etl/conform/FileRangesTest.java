package io.crm.etl.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.etl.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRangesTest {
  @TempDir Path dir;

  private static long micros(String instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));
  }

  /** Writes one Parquet file of {@code rows} (SQL VALUES of ts, started_at) to {@code folder} and returns its path. */
  private static String file(SparkSession spark, Path folder, String values) {
    spark.sql("SELECT CAST(ts AS TIMESTAMP) AS ts, CAST(started_at AS TIMESTAMP) AS started_at FROM VALUES " + values
            + " AS t(ts, started_at)")
        .coalesce(1).write().parquet(folder.toString());
    return Arrays.stream(spark.read().parquet(folder.toString()).inputFiles()).findFirst().orElseThrow();
  }

  private static String name(String path) {
    return new org.apache.hadoop.fs.Path(path).getName();
  }

  @Test
  void aFileReachesATimeWhenItsGreatestValueIsThatTimeOrLater() throws IOException {
    SparkSession spark = SharedSpark.get();
    String march = file(spark, dir.resolve("a"),
        "('2024-03-01 10:00:00', '2024-03-01 09:50:00'), ('2024-03-01 23:59:59', '2024-03-01 23:40:00')");
    String april = file(spark, dir.resolve("b"), "('2024-04-02 08:00:00', '2024-04-02 08:00:00')");
    String nulls = file(spark, dir.resolve("c"), "(NULL, NULL)");
    List<String> columns = List.of("ts", "started_at");

    FileRanges ranges = FileRanges.compute(spark, List.of(march, april, nulls), columns);

    assertTrue(ranges.reaches(name(march), "ts", micros("2024-03-01T23:59:59Z")));
    assertFalse(ranges.reaches(name(march), "ts", micros("2024-03-02T00:00:00Z")));
    assertFalse(ranges.reaches(name(march), "started_at", micros("2024-03-01T23:50:00Z")));
    assertTrue(ranges.reaches(name(april), "ts", micros("2024-03-02T00:00:00Z")));
    assertFalse(ranges.reaches(name(nulls), "ts", micros("1970-01-01T00:00:00Z")), "a file without a value holds no time");
    assertTrue(ranges.reaches("another.parquet", "ts", micros("2099-01-01T00:00:00Z")), "an unknown file may hold any");
    assertTrue(ranges.reaches(name(march), "viewed_at", micros("2099-01-01T00:00:00Z")), "an unknown column too");
    assertTrue(ranges.knows(name(nulls), columns));
    assertFalse(ranges.knows(name(march), List.of("ts", "viewed_at")));
  }

  @Test
  void rangesWrittenBesideTheFilesReadBackTheSameAndKeepOnlyTheNamedFiles() throws IOException {
    SparkSession spark = SharedSpark.get();
    String march = file(spark, dir.resolve("a"), "('2024-03-01 10:00:00', '2024-03-01 09:50:00')");
    String april = file(spark, dir.resolve("b"), "('2024-04-02 08:00:00', '2024-04-02 08:00:00')");
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path version = new org.apache.hadoop.fs.Path(dir.resolve("version").toUri());

    FileRanges.compute(spark, List.of(march), List.of("ts"))
        .with(FileRanges.compute(spark, List.of(april), List.of("ts")), Set.of(name(april)))
        .write(fs, version);
    FileRanges back = FileRanges.read(fs, version);

    assertFalse(back.knows(name(march), List.of("ts")), "not named, so not kept");
    assertTrue(back.knows(name(april), List.of("ts")));
    assertTrue(back.reaches(name(april), "ts", micros("2024-04-02T08:00:00Z")));
    assertFalse(back.reaches(name(april), "ts", micros("2024-04-02T08:00:00.000001Z")));
  }

  @Test
  void aFolderWithoutRangesOrWithDamagedOnesKnowsNoFile() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir.toUri());
    assertFalse(FileRanges.read(fs, folder).knows("part-0.parquet", List.of("ts")));

    String header = "file\tcolumn\tleast_micros\tgreatest_micros\n";
    String good = "part-1.parquet\tts\t1\t2\n";
    for (String damaged : List.of(good + "part-0.parquet\tts\t1\n", good + "part-0.parquet\tts\t1\tx\n",
        good + "part-0.parquet\tts\t\t7\n", "file,column\n" + good, "")) {
      Files.writeString(dir.resolve(FileRanges.FILE), damaged.startsWith("file,") || damaged.isEmpty() ? damaged : header + damaged,
          StandardCharsets.UTF_8);
      FileRanges read = FileRanges.read(fs, folder);
      assertFalse(read.knows("part-1.parquet", List.of("ts")) || read.knows("part-0.parquet", List.of("ts")),
          "a damaged ranges file vouches for no file: " + damaged);
    }
    Files.writeString(dir.resolve(FileRanges.FILE), header + good, StandardCharsets.UTF_8);
    assertTrue(FileRanges.read(fs, folder).knows("part-1.parquet", List.of("ts")));
  }
}
