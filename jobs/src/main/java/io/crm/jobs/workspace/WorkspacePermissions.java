package io.crm.jobs.workspace;

import io.crm.jobs.cli.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps personal data readable by its owner only (and by one group when crm.yaml names it under
 * `permissions: {group: NAME}`): the folders holding it (warehouse/, exports/, reports/) are made
 * rwx------ (rwxr-x--- with a group) and crm.duckdb rw-------, whatever the umask the process
 * runs under. A folder closed this way hides everything below it, however the files in it were
 * created. Writers call {@link #restrict} under the workspace lock; readers never change modes.
 */
public final class WorkspacePermissions {
  private final Workspace workspace;
  private final String group;

  private WorkspacePermissions(Workspace workspace, String group) {
    this.workspace = workspace;
    this.group = group;
  }

  public static WorkspacePermissions of(Workspace workspace) {
    Map<String, Object> section = workspace.config().section("permissions");
    Object g = section.get("group");
    if (g != null && (!(g instanceof String s) || s.isBlank())) {
      throw new UserException(workspace.config().file() + ": permissions.group must be a group name, got '" + g + "'");
    }
    return new WorkspacePermissions(workspace, g == null ? null : ((String) g).trim());
  }

  /** Creates the folders that hold personal data if needed and closes them (and crm.duckdb). */
  public void restrict() {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return; // no POSIX modes (Windows): the folder's ACLs are the administrator's
    }
    List<Path> dirs = new ArrayList<>(List.of(workspace.exports(), workspace.reports()));
    workspace.localWarehouse().ifPresent(dirs::add); // a warehouse on HDFS or S3 has its own access control
    for (Path dir : dirs) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + dir, e);
      }
      apply(dir, group == null ? "rwx------" : "rwxr-x---");
    }
    file(workspace.duckdb());
  }

  /** Gives a file holding personal data (crm.duckdb, an export) its mode, if it exists. */
  public void file(Path file) {
    if (Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      apply(file, group == null ? "rw-------" : "rw-r-----");
    }
  }

  private void apply(Path path, String mode) {
    try {
      Set<PosixFilePermission> wanted = PosixFilePermissions.fromString(mode);
      if (!Files.getPosixFilePermissions(path).equals(wanted)) {
        Files.setPosixFilePermissions(path, wanted);
      }
      if (group != null) {
        GroupPrincipal principal;
        try {
          principal = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        } catch (IOException e) {
          throw new UserException("permissions.group: no group '" + group + "' on this machine");
        }
        Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(principal);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the permissions of " + path, e);
    }
  }
}
