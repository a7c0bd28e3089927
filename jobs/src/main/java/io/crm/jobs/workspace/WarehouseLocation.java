package io.crm.jobs.workspace;

import io.crm.jobs.cli.UserException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the warehouse tables live: {@code <home>/warehouse} by default, or the top-level
 * {@code warehouse:} of crm.yaml, a folder (relative to the home) or an {@code hdfs://},
 * {@code s3a://} or {@code file://} URI. The home itself stays local (crm.yaml, landing files,
 * the lock, crm.duckdb, exports and reports); only the tables and their ledgers move.
 */
public record WarehouseLocation(String root, Optional<Path> local) {
  public static final String KEY = "warehouse";

  /** The file systems a warehouse may be on; others are refused rather than failing deep in Hadoop. */
  static final List<String> SCHEMES = List.of("hdfs", "s3a", "file");

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://.*");

  /** The warehouse of the workspace at {@code home} as crm.yaml sets it. */
  static WarehouseLocation of(Path home, CrmConfig config) {
    String given = config.string(KEY, null);
    if (given == null) {
      return local(home.resolve("warehouse"));
    }
    String value = given.trim();
    if (value.isEmpty()) {
      throw new UserException(config.file() + ": " + KEY + " must be a folder or an hdfs://, s3a:// or file:// URI, got '" + given + "'");
    }
    var m = SCHEME.matcher(value);
    if (!m.matches()) {
      return local(home.resolve(value));
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new UserException(config.file() + ": " + KEY + " must be a folder or an hdfs://, s3a:// or file:// URI, got '" + given + "'");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new UserException(config.file() + ": " + KEY + " is not a valid URI: '" + given + "' (" + e.getReason() + ")");
    }
    if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")) {
      throw new UserException(config.file() + ": " + KEY + " must name a folder below the file system's root, got '" + given + "'");
    }
    if (scheme.equals("file")) {
      return local(Path.of(uri));
    }
    if (uri.getAuthority() == null) {
      // hdfs:///x would silently take fs.defaultFS from whatever Hadoop configuration is around
      throw new UserException(config.file() + ": " + KEY + " must name the " + scheme + " host (or bucket), as in "
          + scheme + "://namenode:8020/crm/warehouse, got '" + given + "'");
    }
    return new WarehouseLocation(stripSlash(value), Optional.empty());
  }

  private static WarehouseLocation local(Path dir) {
    Path p = dir.toAbsolutePath().normalize();
    return new WarehouseLocation(p.toString(), Optional.of(p));
  }

  private static String stripSlash(String s) {
    String out = s;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
