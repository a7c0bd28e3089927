package io.crm.jobs.serve;

import io.crm.jobs.workspace.Workspace;
import io.crm.jobs.workspace.WorkspacePermissions;
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
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.crm.warehouse.SessionCustomers;
import io.crm.warehouse.Warehouse;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;

/**
 * Keeps {@code crm.duckdb} in step with the warehouse: one view per table, so analysts and BI
 * tools open a single file. Schemas: {@code silver}, {@code gold} (latest snapshot of each gold
 * table), {@code gold_history} (every snapshot, with as_of_date) and {@code cubes} (latest cube
 * build). The views read the Parquet files in place; nothing is copied. Silver and gold views
 * name the table versions of the newest committed manifest, so a view never mixes two nights.
 *
 * <p>crm.duckdb is the analysts' catalog and holds no personal data: customers appear only by
 * their pseudonymous {@code customer_key}. Its views leave out every {@link #PERSONAL_COLUMNS
 * personal column}, and the tables that are personal data as such (bronze, quarantine and the
 * {@link #RESTRICTED_SILVER restricted silver tables}) are not in it at all. The owner's own jobs
 * that need them (exports, access requests, the demo summary) use {@link #openRestricted}, a
 * catalog of everything built in memory for the one connection.
 *
 * <p>The database is built as a new file beside the old one and renamed over it, so a reader
 * that has crm.duckdb open keeps the state it opened and the next one sees the new state whole.
 */
public final class DuckDbCatalog {
  /** Columns that name, reach or track a person; no view of crm.duckdb shows them. */
  public static final List<String> PERSONAL_COLUMNS = List.of(
      "customer_id", "source_customer_id", "source_customer_ids", "user_id", "email", "first_name", "last_name",
      "street", "postal_code", "city", "phone", "cookie_id", "anonymous_id", "ip", "user_agent");
  /** Silver tables that are the person's data itself (and the key back to them): restricted. */
  public static final Set<String> RESTRICTED_SILVER = Set.of("customers", "identities", "web_identity_hits", "contacts",
      "session_hits", "session_users", "staged_transactions", "staged_contacts", "staged_surveys");
  /**
   * Silver tables that are conform's bookkeeping (which bronze files it consumed) or part of other
   * views (session_customers, which the sessions and page_views views join), not data for analysts.
   */
  public static final Set<String> INTERNAL_SILVER = Set.of("session_hit_files", "staged_files", SessionCustomers.TABLE);

  private final Workspace workspace;

  public DuckDbCatalog(Workspace workspace) {
    this.workspace = workspace;
  }

  /** Re-creates every view; returns the qualified names of the views now defined. */
  public Result refresh() {
    Catalog catalog = catalog(workspace, true);
    Path db = workspace.duckdb();
    Path next = db.resolveSibling(db.getFileName() + ".next-" + UUID.randomUUID());
    try {
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + next);
          Statement st = c.createStatement()) {
        for (String sql : catalog.statements()) {
          st.execute(sql);
        }
      }
      WorkspacePermissions.of(workspace).file(next);
      Files.move(next, db, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot refresh " + db + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot put the refreshed " + db + " in place", e);
    } finally {
      try {
        Files.deleteIfExists(next);
        Files.deleteIfExists(next.resolveSibling(next.getFileName() + ".wal"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Result(db, catalog.views());
  }

  /**
   * A connection to a catalog of everything, personal data included: the views of crm.duckdb
   * without their column filter, plus {@code bronze}, {@code quarantine} and the restricted
   * silver tables. It lives in memory for this connection only and is never written anywhere
   * an analyst could open; like {@link #openReadOnly} it reaches no file outside the workspace.
   * For the owner's jobs (exports, access requests), never for analysts' SQL.
   */
  public static Connection openRestricted(Workspace workspace) throws SQLException {
    Catalog catalog = catalog(workspace, false);
    Connection c = DriverManager.getConnection("jdbc:duckdb:", sandbox(workspace));
    try (Statement st = c.createStatement()) {
      for (String sql : catalog.statements()) {
        st.execute(sql);
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** The statements that create the views, for analysts (no personal data) or for the owner. */
  private static Catalog catalog(Workspace workspace, boolean analysts) {
    Path local = workspace.requireLocalWarehouse("crm.duckdb");
    Warehouse warehouse = Warehouse.open(local.toString(), new Configuration());
    List<String> statements = new ArrayList<>();
    List<String> views = new ArrayList<>();
    List<String> schemas = analysts
        ? List.of("silver", "gold", "gold_history", "cubes")
        : List.of("bronze", "silver", "gold", "gold_history", "quarantine", "cubes");
    for (String schema : schemas) {
      statements.add("CREATE SCHEMA " + schema);
    }
    String columns = analysts ? nonPersonalColumns() : "*";
    if (!analysts) {
      for (Path table : tables(Path.of(warehouse.bronze()))) {
        statements.add(view("bronze", name(table), "SELECT * FROM " + scan(table.toString(), true)));
        views.add("bronze." + name(table));
      }
      for (Path table : tables(Path.of(warehouse.quarantine()))) {
        statements.add(view("quarantine", name(table), "SELECT * FROM " + scan(table.toString(), true)));
        views.add("quarantine." + name(table));
      }
    }
    Optional<String> mapping = warehouse.silver(SessionCustomers.TABLE);
    for (String table : warehouse.silverTables()) {
      String path = warehouse.silver(table).orElseThrow();
      if (!hasParquet(Path.of(path)) || (analysts && (RESTRICTED_SILVER.contains(table) || INTERNAL_SILVER.contains(table)))) {
        continue;
      }
      String rows = scan(path, true);
      if (SessionCustomers.LINKED.contains(table) && mapping.isPresent()) {
        rows = "(" + SessionCustomers.duckDbQuery(rows, scan(mapping.get(), true)) + ")";
      }
      statements.add(view("silver", table, "SELECT " + columns + " FROM " + rows));
      views.add("silver." + table);
    }
    for (String table : warehouse.goldTables()) {
      List<LocalDate> dates = warehouse.goldDates(table);
      String latest = warehouse.gold(table, dates.get(dates.size() - 1)).orElseThrow();
      // gold holds customer_key only; the filter still applies, so a snapshot written before
      // pseudonymous keys existed (by customer_id) shows no ids either
      if (table.startsWith("cubes/")) {
        String cube = table.substring("cubes/".length());
        statements.add(view("cubes", cube, "SELECT " + columns + " FROM " + scan(latest, false)));
        views.add("cubes." + cube);
        continue;
      }
      List<String> globs = new ArrayList<>();
      for (LocalDate d : dates) {
        globs.add(quoteLiteral(warehouse.gold(table, d).orElseThrow() + "/*.parquet"));
      }
      statements.add(view("gold_history", table, "SELECT " + columns + " FROM read_parquet([" + String.join(", ", globs)
          + "], hive_partitioning = true, union_by_name = true)"));
      statements.add(view("gold", table, "SELECT " + columns + " FROM " + scan(latest, false)));
      views.add("gold." + table);
      views.add("gold_history." + table);
    }
    return new Catalog(statements, List.copyOf(views));
  }

  /** Every column but the personal ones, whatever columns a table has. */
  private static String nonPersonalColumns() {
    return "COLUMNS(lambda c: c NOT IN (" + PERSONAL_COLUMNS.stream().map(DuckDbCatalog::quoteLiteral)
        .collect(Collectors.joining(", ")) + "))";
  }

  private record Catalog(List<String> statements, List<String> views) {}

  /** The views crm.duckdb has now, without refreshing it. */
  public static Result views(Workspace workspace) {
    List<String> views = new ArrayList<>();
    try (Connection c = openReadOnly(workspace);
        Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(
            "SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal ORDER BY schema_name, view_name")) {
      while (rs.next()) {
        views.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the views of " + workspace.duckdb() + ": " + e.getMessage(), e);
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
    Properties props = sandbox(workspace);
    props.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + workspace.duckdb(), props);
  }

  /** Settings that keep a connection to the workspace's files, with the configuration locked. */
  private static Properties sandbox(Workspace workspace) {
    Path warehouse = workspace.requireLocalWarehouse("crm.duckdb");
    Properties props = new Properties();
    props.setProperty("enable_external_access", "false");
    props.setProperty("allowed_directories", allowedDirectories(workspace.home(), warehouse));
    props.setProperty("autoinstall_known_extensions", "false");
    props.setProperty("autoload_known_extensions", "false");
    props.setProperty("lock_configuration", "true");
    return props;
  }

  /**
   * The workspace as a DuckDB list literal: as given, with symbolic links resolved, and the real
   * folder of every symbolic link in its top three levels (e.g. a warehouse/ or silver/ table
   * kept on another disk). DuckDB resolves links before it compares a path with these prefixes,
   * so without the targets a linked table would be refused. A warehouse that crm.yaml puts
   * outside the workspace is allowed in the same way.
   */
  static String allowedDirectories(Path home, Path warehouse) {
    Set<String> dirs = new LinkedHashSet<>(allowedDirectories(home));
    if (!warehouse.toAbsolutePath().normalize().startsWith(home.toAbsolutePath().normalize())) {
      dirs.addAll(allowedDirectories(warehouse));
    }
    return dirs.stream().map(DuckDbCatalog::quoteLiteral).collect(Collectors.joining(", ", "[", "]"));
  }

  private static Set<String> allowedDirectories(Path home) {
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
    return dirs;
  }

  private static String view(String schema, String name, String select) {
    return "CREATE VIEW " + schema + "." + quoteIdent(name) + " AS " + select;
  }

  /** Every Parquet file below a table folder; with hive, its k=v folders become columns. */
  private static String scan(String table, boolean hive) {
    return "read_parquet(" + quoteLiteral(table + "/**/*.parquet") + ", hive_partitioning = " + hive + ", union_by_name = true)";
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
