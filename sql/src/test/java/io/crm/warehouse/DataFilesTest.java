package io.crm.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
  @TempDir java.nio.file.Path dir;

  private void touch(String relative) throws Exception {
    java.nio.file.Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
  }

  @Test
  void onlyTheFilesSparkReadsAreDataFiles() throws Exception {
    touch("ingest_date=2024-01-01/part-0.parquet");
    touch("ingest_date=2024-01-01/_file_ranges.tsv");
    touch("ingest_date=2024-01-01/_marker.parquet");
    touch("ingest_date=2024-01-02/part-1.parquet");
    touch("_staging/ingest_date=2024-01-03/part-2.parquet");
    touch(".moved/part-3.parquet");
    touch("ingest_date=2024-01-02/.part-1.parquet.crc");
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path table = new Path(dir.toUri());

    List<String> names = DataFiles.under(fs, table).stream().map(f -> f.getPath().getName()).sorted().toList();

    assertEquals(List.of("part-0.parquet", "part-1.parquet"), names);
    assertTrue(DataFiles.exist(fs, table));
    assertFalse(DataFiles.exist(fs, new Path(table, "_staging/none")), "a folder that does not exist holds none");
    assertTrue(DataFiles.exist(fs, new Path(table, ".moved")), "only names below the table are looked at");
  }
}
