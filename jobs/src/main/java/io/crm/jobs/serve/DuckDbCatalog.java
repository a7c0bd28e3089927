package io.crm.jobs.serve;

import io.crm.jobs.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps {@code crm.duckdb} in step with the warehouse: one view per table, so analysts and BI
 * tools open a single file. Schemas: {@code silver}, {@code gold} (latest snapshot of each gold
 * table), {@code gold_history} (every snapshot, with as_of_date), {@code bronze},
 * {@code quarantine} and {@code cubes} (latest cube build). The views read the Parquet files in
 * place; nothing is copied.
 */
public final class DuckDbCatalog {
  private final Workspace workspace;

  public DuckDbCatalog(Workspace workspace) {
    this.workspace = workspace;
  }

  /** Re-creates every view; returns the qualified names of the views now defined. */
  public Result refresh() {
    List<String> statements = new ArrayList<>();
    List<String> views = new ArrayList<>();
    for (String schema : List.of("bronze", "silver", "gold", "gold_history", "quarantine", "cubes")) {
      statements.add("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      statements.add("CREATE SCHEMA " + schema);
    }
    for (Path table : tables(workspace.bronze())) {
      statements.add(view("bronze", table, "SELECT * FROM " + scan(table)));
      views.add("bronze." + name(table));
    }
    for (Path table : tables(workspace.quarantine())) {
      statements.add(view("quarantine", table, "SELECT * FROM " + scan(table)));
      views.add("quarantine." + name(table));
    }
    for (Path table : tables(workspace.silver())) {
      statements.add(view("silver", table, "SELECT * FROM " + scan(table)));
      views.add("silver." + name(table));
    }
    for (Path table : tables(workspace.gold())) {
      if (name(table).equals("cubes")) {
        for (Path cube : tables(table)) {
          statements.add(view("cubes", cube, latest(cube)));
          views.add("cubes." + name(cube));
        }
        continue;
      }
      statements.add(view("gold_history", table, "SELECT * FROM " + scan(table)));
      statements.add(view("gold", table, latest(table)));
      views.add("gold." + name(table));
      views.add("gold_history." + name(table));
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + workspace.duckdb());
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot refresh " + workspace.duckdb() + ": " + e.getMessage(), e);
    }
    return new Result(workspace.duckdb(), List.copyOf(views));
  }

  /**
   * A read-only connection to the workspace's database for analysts' SQL: besides the database
   * itself being read-only, DuckDB may touch files only under the workspace (the views read its
   * Parquet files by absolute path), may not install or load extensions, and the configuration
   * is locked so a query cannot SET it back. Writing a file inside the workspace (COPY ... TO) is
   * still possible at this level; {@link ReadOnlyQuery} refuses such statements before they run.
   */
  public static Connection openReadOnly(Workspace workspace) throws SQLException {
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    props.setProperty("enable_external_access", "false");
    props.setProperty("allowed_directories", allowedDirectories(workspace.home()));
    props.setProperty("autoinstall_known_extensions", "false");
    props.setProperty("autoload_known_extensions", "false");
    props.setProperty("lock_configuration", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + workspace.duckdb(), props);
  }

  /**
   * The workspace as a DuckDB list literal: as given, with symbolic links resolved, and the real
   * folder of every symbolic link in its top three levels (e.g. a warehouse/ or silver/ table
   * kept on another disk). DuckDB resolves links before it compares a path with these prefixes,
   * so without the targets a linked table would be refused.
   */
  static String allowedDirectories(Path home) {
    Set<String> dirs = new LinkedHashSet<>();
    dirs.add(home.toAbsolutePath().normalize() + "/");
    try {
      dirs.add(home.toRealPath() + "/");
      try (Stream<Path> walk = Files.walk(home, 3)) {
        walk.filter(p -> Files.isSymbolicLink(p) && Files.isDirectory(p)).forEach(link -> {
          try {
            dirs.add(link.toRealPath() + "/");
          } catch (IOException e) {
            // a dangling link leads nowhere to allow
          }
        });
      }
    } catch (IOException e) {
      // a workspace that does not exist (yet) has no real path and no links
    }
    return dirs.stream().map(DuckDbCatalog::quoteLiteral).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String view(String schema, Path table, String select) {
    return "CREATE VIEW " + schema + "." + quoteIdent(name(table)) + " AS " + select;
  }

  /** The newest as_of_date partition of a snapshotted table, without the partition column. */
  private static String latest(Path table) {
    return "SELECT * EXCLUDE (as_of_date) FROM " + scan(table)
        + " WHERE as_of_date = (SELECT max(as_of_date) FROM " + scan(table) + ")";
  }

  private static String scan(Path table) {
    return "read_parquet(" + quoteLiteral(table.toAbsolutePath() + "/**/*.parquet") + ", hive_partitioning = true, union_by_name = true)";
  }

  /** Table folders under {@code root} that hold at least one Parquet file. */
  private static List<Path> tables(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children
          .filter(Files::isDirectory)
          .filter(p -> !name(p).startsWith("_") && !name(p).startsWith("."))
          .filter(DuckDbCatalog::hasParquet)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasParquet(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")
          && !p.toString().contains("/_") && !p.toString().contains("/."));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  static String quoteIdent(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  static String quoteLiteral(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** The database file and the views it now has. */
  public record Result(Path database, List<String> views) {}
}
