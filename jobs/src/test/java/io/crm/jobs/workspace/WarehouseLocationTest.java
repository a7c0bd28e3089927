package io.crm.jobs.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.cli.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where crm.yaml's `warehouse:` puts the tables, and which values it refuses. */
class WarehouseLocationTest {
  @TempDir Path home;

  private Workspace withWarehouse(String line) throws IOException {
    Files.writeString(home.resolve("crm.yaml"), "timezone: UTC\n" + line);
    return Workspace.open(home);
  }

  @Test
  void withoutTheKeyTheWarehouseIsInTheHome() throws IOException {
    Workspace ws = withWarehouse("");
    assertEquals(home.resolve("warehouse").toString(), ws.warehouse());
    assertEquals(Optional.of(home.resolve("warehouse")), ws.localWarehouse());
    assertEquals(home.resolve("warehouse") + "/_runs", ws.runs());
  }

  @Test
  void aPlainPathIsRelativeToTheHomeAndAFileUriIsLocal() throws IOException {
    assertEquals(Optional.of(home.resolve("tables/wh")), withWarehouse("warehouse: tables/wh\n").localWarehouse());
    assertEquals(Optional.of(Path.of("/data/crm/wh")), withWarehouse("warehouse: file:///data/crm/wh/\n").localWarehouse());
    assertEquals("/data/crm/wh", withWarehouse("warehouse: /data/crm/wh\n").warehouse());
  }

  @Test
  void hdfsAndS3aAreRemoteAndKeptAsGiven() throws IOException {
    Workspace hdfs = withWarehouse("warehouse: hdfs://namenode:8020/crm/warehouse/\n");
    assertEquals("hdfs://namenode:8020/crm/warehouse", hdfs.warehouse());
    assertEquals(Optional.empty(), hdfs.localWarehouse());
    assertEquals("hdfs://namenode:8020/crm/warehouse/_runs", hdfs.runs());
    UserException duckDb = assertThrows(UserException.class, () -> hdfs.requireLocalWarehouse("crm query"));
    assertTrue(duckDb.getMessage().startsWith("crm query needs the warehouse on a local file system"), duckDb.getMessage());
    assertEquals("s3a://bucket/crm", withWarehouse("warehouse: s3a://bucket/crm\n").warehouse());
  }

  @Test
  void otherSchemesAndUrisWithoutHostOrFolderAreRefusedWithTheValue() throws IOException {
    for (String bad : new String[] {"ftp://host/crm", "hdfs:///crm/warehouse", "hdfs://namenode:8020/", "s3a://bucket", "''"}) {
      Files.writeString(home.resolve("crm.yaml"), "warehouse: " + bad + "\n");
      UserException e = assertThrows(UserException.class, () -> Workspace.open(home), bad);
      String shown = bad.equals("''") ? "got ''" : bad;
      assertTrue(e.getMessage().contains("warehouse") && e.getMessage().contains(shown), e.getMessage());
    }
  }
}
