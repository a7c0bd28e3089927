package io.crm.jobs.gdpr;

import io.crm.jobs.cli.UserException;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The way back from the pseudonymous customer_key that gold, cubes and crm.duckdb show to the
 * customer_id of the shop, for the workspace's owner: one CSV line per customer of silver. The
 * file is readable by its owner only, whatever {@code permissions.group} says, because with it
 * every analyst's result names people again.
 */
public final class PseudonymMap {
  private PseudonymMap() {}

  /** Writes {@code customer_key,customer_id} for every customer to {@code out}; returns how many. */
  public static long write(Workspace workspace, Path out) {
    Path target = out.toAbsolutePath();
    Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    long rows = 0;
    try (Connection c = DuckDbCatalog.openRestricted(workspace); Statement st = c.createStatement()) {
      try (ResultSet has = st.executeQuery(
          "SELECT count(*) FROM duckdb_views() WHERE schema_name = 'silver' AND view_name = 'customers'")) {
        if (has.next() && has.getLong(1) == 0) {
          throw new UserException("the warehouse has no silver.customers yet: run `crm conform` (or `crm nightly`) first");
        }
      }
      Files.createDirectories(target.getParent());
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(tmp);
      }
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
          ResultSet rs = st.executeQuery(
              "SELECT customer_key, customer_id FROM silver.customers WHERE customer_key IS NOT NULL ORDER BY customer_id")) {
        w.write("customer_key,customer_id\r\n");
        while (rs.next()) {
          w.write(rs.getString(1) + "," + csv(rs.getString(2)) + "\r\n");
          rows++;
        }
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading silver.customers for the pseudonym map failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + tmp, e);
      }
    }
  }

  /** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
  private static String csv(String v) {
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\""
        : v;
  }
}
