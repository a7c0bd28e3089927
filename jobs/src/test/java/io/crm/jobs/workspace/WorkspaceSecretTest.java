package io.crm.jobs.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.cli.UserException;
import io.crm.warehouse.KeyedHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the workspace secret comes from, and that only writers create it. */
class WorkspaceSecretTest {
  @TempDir Path home;

  private Workspace workspace(String yaml) throws IOException {
    Files.writeString(home.resolve("crm.yaml"), "timezone: UTC\n" + yaml);
    return Workspace.open(home);
  }

  @Test
  void aWriterCreatesAnOwnerOnlySecretOnceAndReadersReuseIt() throws IOException {
    Workspace ws = workspace("");
    UserException e = assertThrows(UserException.class, () -> WorkspaceSecret.load(ws, false, Map.of()));
    assertTrue(e.getMessage().startsWith("no workspace secret: set $CRM_SECRET or create " + home.resolve("secret.key")), e.getMessage());
    assertFalse(Files.exists(home.resolve("secret.key")), "a reader wrote the secret");

    KeyedHash created = WorkspaceSecret.load(ws, true, Map.of());
    Path file = home.resolve("secret.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String text = Files.readString(file);
    assertEquals(created.of("anna@example.com"), WorkspaceSecret.load(ws, false, Map.of()).of("anna@example.com"));
    WorkspaceSecret.load(ws, true, Map.of());
    assertEquals(text, Files.readString(file), "a second writer replaced the secret");
    try (var files = Files.list(home)) {
      assertEquals(2, files.count(), "crm.yaml and secret.key only, no temporary file left");
    }
  }

  @Test
  void theEnvironmentWinsAndAConfiguredFileMustExist() throws IOException {
    Workspace ws = workspace("secret_file: keys/crm.secret\n");
    KeyedHash env = WorkspaceSecret.load(ws, true, Map.of("CRM_SECRET", "sixteen-bytes-or-more"));
    assertEquals(new KeyedHash("sixteen-bytes-or-more".getBytes(StandardCharsets.UTF_8)).of("x"), env.of("x"));
    assertFalse(Files.exists(home.resolve("secret.key")));

    UserException missing = assertThrows(UserException.class, () -> WorkspaceSecret.load(ws, true, Map.of()));
    assertTrue(missing.getMessage().contains(home.resolve("keys/crm.secret").toString()), missing.getMessage());

    Files.createDirectories(home.resolve("keys"));
    Files.writeString(home.resolve("keys/crm.secret"), "short\n");
    UserException tooShort = assertThrows(UserException.class, () -> WorkspaceSecret.load(ws, false, Map.of()));
    assertEquals("the workspace secret in " + home.resolve("keys/crm.secret") + " is too short: 5 bytes, at least 16 needed",
        tooShort.getMessage());

    Files.writeString(home.resolve("keys/crm.secret"), "a long enough secret for this test\n");
    assertNotEquals(env.of("x"), WorkspaceSecret.load(ws, false, Map.of()).of("x"));
  }
}
