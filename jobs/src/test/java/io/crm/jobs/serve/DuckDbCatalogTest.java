package io.crm.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second line of defence under `crm query`'s statement check: the connection itself cannot
 * reach files outside the workspace nor unlock its settings, even for a statement that got past.
 */
class DuckDbCatalogTest {
  @TempDir static Path home;
  @TempDir static Path outside;
  private static Workspace workspace;

  @BeforeAll
  static void emptyCatalog() throws IOException {
    Files.writeString(home.resolve("crm.yaml"), "timezone: UTC\n");
    Files.writeString(outside.resolve("secret.csv"), "a\n1\n");
    workspace = Workspace.open(home);
    new DuckDbCatalog(workspace).refresh();
  }

  private static SQLException refused(String sql) throws SQLException {
    try (Connection c = DuckDbCatalog.openReadOnly(workspace); Statement st = c.createStatement()) {
      return assertThrows(SQLException.class, () -> st.execute(sql), sql);
    }
  }

  @Test
  void filesOutsideTheWorkspaceAreOutOfReach() throws SQLException {
    assertTrue(refused("SELECT * FROM read_csv('" + outside.resolve("secret.csv") + "')").getMessage().contains("Permission Error"));
    refused("COPY (SELECT 1) TO '" + outside.resolve("out.csv") + "'");
    refused("ATTACH '" + outside.resolve("other.duckdb") + "' AS other");
    assertFalse(Files.exists(outside.resolve("out.csv")));
    assertFalse(Files.exists(outside.resolve("other.duckdb")));
  }

  @Test
  void theSettingsAreLocked() throws SQLException {
    assertTrue(refused("SET enable_external_access = true").getMessage().contains("locked"));
    refused("SET allowed_directories = ['/']");
    refused("SET lock_configuration = false");
    refused("SET autoload_known_extensions = true");
  }

  @Test
  void extensionsAreNeitherInstalledNorLoaded() throws SQLException {
    refused("INSTALL httpfs");
    refused("LOAD httpfs");
  }

  @Test
  void theWorkspaceStaysReadable() throws SQLException, IOException {
    Files.writeString(home.resolve("inside.csv"), "a\n42\n");
    try (Connection c = DuckDbCatalog.openReadOnly(workspace); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT a FROM read_csv('" + home.resolve("inside.csv") + "')")) {
      assertTrue(rs.next());
      assertEquals(42, rs.getInt(1));
    }
  }

  @Test
  void aFolderLinkedIntoTheWorkspaceStaysReadable() throws SQLException, IOException {
    Path elsewhere = Files.createDirectories(outside.resolve("disk2/orders"));
    Files.writeString(elsewhere.resolve("o.csv"), "a\n7\n");
    Files.createSymbolicLink(home.resolve("linked"), elsewhere);
    try (Connection c = DuckDbCatalog.openReadOnly(workspace); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT a FROM read_csv('" + home.resolve("linked/o.csv") + "')")) {
      assertTrue(rs.next());
      assertEquals(7, rs.getInt(1));
    }
    // the link opens its own folder, not the one beside it
    refused("SELECT * FROM read_csv('" + outside.resolve("secret.csv") + "')");
  }

  @Test
  void theAllowedListIsADuckDbListOfQuotedPrefixes() {
    assertEquals("['/data/it''s crm/']", DuckDbCatalog.allowedDirectories(Path.of("/data/it's crm"), Path.of("/data/it's crm/warehouse")));
  }
}
