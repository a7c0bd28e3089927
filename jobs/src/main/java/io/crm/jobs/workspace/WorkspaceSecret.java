package io.crm.jobs.workspace;

import io.crm.jobs.cli.UserException;
import io.crm.warehouse.KeyedHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The workspace secret behind pseudonymous customer keys and erasure tombstones. It comes from
 * the environment variable {@value #ENV} (the secret itself, for schedulers with a secret store)
 * or else from a file: crm.yaml's {@code secret_file:} (relative to the home), by default
 * {@value #DEFAULT_FILE} in the home. The home is not the warehouse, so the secret never sits next
 * to the data it protects when the warehouse is copied or shared. A writing job creates the
 * default file (32 random bytes, mode rw-------) the first time it needs it; read-only commands
 * never create it.
 */
public final class WorkspaceSecret {
  public static final String ENV = "CRM_SECRET";
  public static final String DEFAULT_FILE = "secret.key";

  private WorkspaceSecret() {}

  /** The keyed hash of the workspace, creating the default secret file if {@code create} and missing. */
  public static KeyedHash load(Workspace workspace, boolean create) {
    return load(workspace, create, System.getenv());
  }

  static KeyedHash load(Workspace workspace, boolean create, Map<String, String> env) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return keyed(fromEnv.strip(), "$" + ENV);
    }
    Path file = file(workspace);
    if (!Files.exists(file)) {
      if (!create || !file.equals(workspace.home().resolve(DEFAULT_FILE))) {
        throw new UserException("no workspace secret: set $" + ENV + " or create " + file
            + (create ? "" : " (any writing job such as `crm conform` creates it)"));
      }
      createDefault(file);
    }
    try {
      return keyed(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
    } catch (IOException e) {
      throw new UserException("cannot read the workspace secret " + file + ": " + e.getMessage(), e);
    }
  }

  /** Where the secret file is (whether or not it exists). */
  public static Path file(Workspace workspace) {
    String configured = workspace.config().string("secret_file", null);
    if (configured == null) {
      return workspace.home().resolve(DEFAULT_FILE);
    }
    if (configured.isBlank()) {
      throw new UserException(workspace.config().file() + ": secret_file must be a path, got ''");
    }
    return workspace.home().resolve(configured.strip());
  }

  private static KeyedHash keyed(String secret, String where) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < KeyedHash.MIN_SECRET_BYTES) {
      throw new UserException("the workspace secret in " + where + " is too short: " + bytes.length
          + " bytes, at least " + KeyedHash.MIN_SECRET_BYTES + " needed");
    }
    return new KeyedHash(bytes);
  }

  private static void createDefault(Path file) {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String text = Base64.getEncoder().encodeToString(random) + "\n";
    Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      // a hard link appears complete and never replaces: of two processes creating the secret at
      // once, one wins and both then read the winner's file
      Files.createLink(file, tmp);
    } catch (FileAlreadyExistsException e) {
      // another process created it first
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the workspace secret " + file, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + tmp, e);
      }
    }
  }
}
