package io.crm.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The warehouse contract: the one place that knows where every table lives and how a run's
 * outputs become current (DESIGN.md, "How a night commits").
 *
 * <p>Bronze and quarantine are partitioned by ingest date; ingest publishes their partitions
 * itself. Silver tables, gold snapshots and cubes are versioned the way table formats do it: a
 * writer puts a new version in a fresh folder beside the current one ({@code silver/orders/v-<id>},
 * {@code gold/segments/v-<id>/as_of_date=<day>}) and stages it; {@link #commit} then writes the
 * next numbered manifest, and that one file, renamed into place last, makes every staged table
 * current together. Readers resolve tables through the newest manifest, so they see one
 * committed state or the next, never a mix, whatever moment a writer is killed at. Folders that
 * no recent manifest names (a killed run's, or versions long replaced) are deleted after a commit.
 *
 * <p>Within one process the staged versions are visible to the same {@code Warehouse} object, so
 * the steps of one night read what the steps before them wrote before anything is committed.
 * Writers must hold the workspace lock: commits are not meant to race.
 *
 * <p>A table that no manifest names yet is read from its plain folder ({@code silver/orders},
 * {@code gold/segments/as_of_date=<day>}) if one exists, as written before versioning.
 */
public final class Warehouse {
  public static final String MANIFESTS = "_manifest";
  static final int KEEP_MANIFESTS = 5;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?");
  private static final String AS_OF = "as_of_date=";
  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  /** Called at each step of a commit; tests stop a commit there as a kill would. */
  public interface CommitHook {
    CommitHook NONE = step -> { };

    void at(String step);
  }

  private final String root;
  private final Configuration conf;
  private final CommitHook hook;
  private Manifest current;
  private final Map<String, String> staged = new LinkedHashMap<>();

  private Warehouse(String root, Configuration conf, CommitHook hook) {
    this.root = strip(root);
    this.conf = conf;
    this.hook = hook;
    this.current = readCurrent();
  }

  /** The warehouse under {@code root} (a folder or a file://, hdfs:// or s3a:// URI) as last committed. */
  public static Warehouse open(String root, Configuration conf) {
    return new Warehouse(root, conf, CommitHook.NONE);
  }

  /** As {@link #open}, calling {@code hook} at every step of a commit. */
  public static Warehouse open(String root, Configuration conf, CommitHook hook) {
    return new Warehouse(root, conf, hook);
  }

  public String root() {
    return root;
  }

  public Configuration hadoopConf() {
    return conf;
  }

  /** The committed version this object reads (0 before the first commit). */
  public long version() {
    return current.version();
  }

  public Manifest manifest() {
    return current;
  }

  // ---- bronze, quarantine, runs, scratch

  public String bronze() {
    return root + "/bronze";
  }

  public String bronze(String source) {
    return bronze() + "/" + checkName(source);
  }

  public String quarantine() {
    return root + "/quarantine";
  }

  public String quarantine(String source) {
    return quarantine() + "/" + checkName(source);
  }

  /** The run ledgers: {@code _runs/jobs.jsonl}, {@code _runs/ingest/}. */
  public String runs() {
    return root + "/_runs";
  }

  /** Scratch space of one run; it is never read by anyone else. */
  public String scratch(String name) {
    return root + "/_tmp/" + checkName(name);
  }

  public String scratchRoot() {
    return root + "/_tmp";
  }

  /** Deletes a run's scratch folder, and the scratch root when nothing else is in it. */
  public void removeScratch(String name) {
    try {
      FileSystem fs = fs();
      fs.delete(new Path(scratch(name)), true);
      Path scratchRoot = new Path(scratchRoot());
      if (fs.exists(scratchRoot) && fs.listStatus(scratchRoot).length == 0) {
        fs.delete(scratchRoot, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("removing the scratch folder " + scratch(name) + " failed", e);
    }
  }

  /** A store of trained models ({@code gold/<name>/<as_of>/}); written by training, not versioned. */
  public String models(String name) {
    return root + "/gold/" + checkName(name);
  }

  // ---- versioned tables: silver

  /** The current (or, in this process, staged) version of a silver table. */
  public Optional<String> silver(String table) {
    return resolve(silverKey(table), root + "/silver/" + checkName(table));
  }

  /** A fresh folder for a new version of a silver table; invisible until staged and committed. */
  public String newSilverVersion(String table) {
    return root + "/silver/" + checkName(table) + "/" + newVersionName();
  }

  public void stageSilver(String table, String path) {
    stage(silverKey(table), path);
  }

  /** Silver tables that exist (committed, staged or in the plain folder layout), sorted. */
  public List<String> silverTables() {
    Set<String> names = new TreeSet<>();
    for (String key : keys()) {
      if (key.startsWith("silver/")) {
        names.add(key.substring("silver/".length()));
      }
    }
    for (String dir : children(root + "/silver")) {
      if (hasDataOutsideVersions(root + "/silver/" + dir)) {
        names.add(dir);
      }
    }
    return List.copyOf(names);
  }

  // ---- versioned tables: gold snapshots (the table may be a cube: "cubes/sales")

  /** The snapshot of a gold table for one as_of date. */
  public Optional<String> gold(String table, LocalDate asOf) {
    return resolve(goldKey(table, asOf), root + "/gold/" + checkName(table) + "/" + AS_OF + asOf);
  }

  /** A fresh folder for a new snapshot; its last path segment is {@code as_of_date=<day>}. */
  public String newGoldVersion(String table, LocalDate asOf) {
    return root + "/gold/" + checkName(table) + "/" + newVersionName() + "/" + AS_OF + asOf;
  }

  public void stageGold(String table, LocalDate asOf, String path) {
    stage(goldKey(table, asOf), path);
  }

  /** The as_of dates that have a snapshot of {@code table}, oldest first. */
  public List<LocalDate> goldDates(String table) {
    Set<LocalDate> dates = new TreeSet<>();
    String prefix = "gold/" + checkName(table) + "@";
    for (String key : keys()) {
      if (key.startsWith(prefix)) {
        dates.add(LocalDate.parse(key.substring(prefix.length())));
      }
    }
    for (String dir : children(root + "/gold/" + table)) {
      if (dir.startsWith(AS_OF)) {
        dates.add(LocalDate.parse(dir.substring(AS_OF.length())));
      }
    }
    return List.copyOf(dates);
  }

  /** Gold tables with at least one snapshot, e.g. "segments", "cubes/sales"; sorted. */
  public List<String> goldTables() {
    Set<String> names = new TreeSet<>();
    for (String key : keys()) {
      if (key.startsWith("gold/")) {
        names.add(key.substring("gold/".length(), key.indexOf('@')));
      }
    }
    for (String dir : children(root + "/gold")) {
      for (String sub : children(root + "/gold/" + dir)) {
        if (sub.startsWith(AS_OF)) {
          names.add(dir);
        } else if (!sub.startsWith("v-")) {
          for (String leaf : children(root + "/gold/" + dir + "/" + sub)) {
            if (leaf.startsWith(AS_OF)) {
              names.add(dir + "/" + sub);
            }
          }
        }
      }
    }
    return List.copyOf(names);
  }

  // ---- commit

  /** Whether this process has staged versions that are not committed yet. */
  public boolean hasStaged() {
    return !staged.isEmpty();
  }

  /**
   * Makes every staged version current at once by writing the next manifest; returns the new
   * version (the current one when nothing was staged). Afterwards removes what no recent manifest
   * names.
   */
  public long commit(String job, String runId) {
    if (staged.isEmpty()) {
      return current.version();
    }
    Manifest latest = readCurrent();
    if (latest.version() != current.version()) {
      throw new IllegalStateException("the warehouse " + root + " was committed to by another process (version "
          + latest.version() + ", this run started from " + current.version() + "); hold the workspace lock to write");
    }
    Manifest next = current.next(job, runId, staged);
    try {
      FileSystem fs = fs();
      Path dir = new Path(root + "/" + MANIFESTS);
      fs.mkdirs(dir);
      Path temp = new Path(dir, "_" + UUID.randomUUID() + ".json.tmp");
      Path target = new Path(dir, manifestName(next.version()));
      hook.at("write manifest");
      try (OutputStream out = fs.create(temp, false)) {
        out.write(next.toJson().getBytes(StandardCharsets.UTF_8));
      }
      hook.at("rename manifest");
      if (fs.exists(target) || !fs.rename(temp, target)) {
        throw new IOException("could not rename " + temp + " to " + target + " (another commit?)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("committing version " + next.version() + " of the warehouse " + root + " failed", e);
    }
    current = next;
    staged.clear();
    hook.at("expire");
    expire();
    return current.version();
  }

  /** Deletes the staged versions of this process (after a failed run). */
  public void discardStaged() {
    try {
      FileSystem fs = fs();
      for (String rel : staged.values()) {
        fs.delete(new Path(root + "/" + versionFolder(rel)), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("discarding uncommitted versions under " + root + " failed", e);
    }
    staged.clear();
  }

  /**
   * Deletes manifests older than the newest {@value #KEEP_MANIFESTS}, and every version folder
   * and scratch folder that none of the kept manifests names and this process has not staged.
   * Readers that resolved an older manifest keep working for {@value #KEEP_MANIFESTS} commits.
   */
  public void expire() {
    expire(KEEP_MANIFESTS);
  }

  /**
   * Deletes every manifest but the newest and every version folder it does not name, for an
   * erasure: superseded versions still hold the erased person, so readers of older manifests
   * lose them at once rather than after {@value #KEEP_MANIFESTS} commits.
   */
  public void expireAllButCurrent() {
    expire(1);
  }

  private void expire(int keepManifests) {
    try {
      FileSystem fs = fs();
      List<Long> versions = manifestVersions();
      Set<String> live = new HashSet<>();
      for (int i = 0; i < versions.size(); i++) {
        Path p = new Path(root + "/" + MANIFESTS + "/" + manifestName(versions.get(i)));
        if (i < versions.size() - keepManifests) {
          fs.delete(p, false);
        } else {
          read(fs, p).tables().values().forEach(rel -> live.add(versionFolder(rel)));
        }
      }
      staged.values().forEach(rel -> live.add(versionFolder(rel)));
      for (String layer : List.of("silver", "gold")) {
        for (String folder : versionFolders(fs, layer)) {
          if (!live.contains(folder)) {
            fs.delete(new Path(root + "/" + folder), true);
          }
        }
      }
      Path manifests = new Path(root + "/" + MANIFESTS);
      if (fs.exists(manifests)) {
        for (FileStatus s : fs.listStatus(manifests)) {
          if (s.getPath().getName().startsWith("_")) {
            fs.delete(s.getPath(), false);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("expiring old versions under " + root + " failed", e);
    }
  }

  // ---- internals

  private void stage(String key, String path) {
    String p = strip(path);
    if (!p.startsWith(root + "/")) {
      throw new IllegalArgumentException(path + " is not inside the warehouse " + root);
    }
    staged.put(key, p.substring(root.length() + 1));
  }

  private Optional<String> resolve(String key, String plainFolder) {
    String rel = staged.containsKey(key) ? staged.get(key) : current.tables().get(key);
    if (rel != null) {
      return Optional.of(root + "/" + rel);
    }
    return hasDataOutsideVersions(plainFolder) ? Optional.of(plainFolder) : Optional.empty();
  }

  private Set<String> keys() {
    Set<String> keys = new TreeSet<>(current.tables().keySet());
    keys.addAll(staged.keySet());
    return keys;
  }

  private Manifest readCurrent() {
    try {
      List<Long> versions = manifestVersions();
      if (versions.isEmpty()) {
        return Manifest.empty();
      }
      long v = versions.get(versions.size() - 1);
      return read(fs(), new Path(root + "/" + MANIFESTS + "/" + manifestName(v)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the manifests of " + root + " failed", e);
    }
  }

  private List<Long> manifestVersions() throws IOException {
    FileSystem fs = fs();
    Path dir = new Path(root + "/" + MANIFESTS);
    List<Long> out = new ArrayList<>();
    if (!fs.exists(dir)) {
      return out;
    }
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (name.matches("\\d{10}\\.json")) {
        out.add(Long.parseLong(name.substring(0, 10)));
      }
    }
    out.sort(null);
    return out;
  }

  private static Manifest read(FileSystem fs, Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      return Manifest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), p.toString());
    }
  }

  /** silver/orders/v-x or gold/segments/v-x (the folder a version owns) of a manifest path. */
  private static String versionFolder(String rel) {
    String[] parts = rel.split("/");
    StringBuilder sb = new StringBuilder();
    for (String part : parts) {
      sb.append(sb.length() == 0 ? "" : "/").append(part);
      if (part.startsWith("v-")) {
        return sb.toString();
      }
    }
    return rel;
  }

  /** Every v-* folder of a layer, relative to the root (tables may be nested one level, as cubes are). */
  private List<String> versionFolders(FileSystem fs, String layer) throws IOException {
    List<String> out = new ArrayList<>();
    for (String table : children(root + "/" + layer)) {
      for (String sub : children(root + "/" + layer + "/" + table)) {
        if (sub.startsWith("v-")) {
          out.add(layer + "/" + table + "/" + sub);
        } else if (!sub.contains("=")) {
          for (String leaf : children(root + "/" + layer + "/" + table + "/" + sub)) {
            if (leaf.startsWith("v-")) {
              out.add(layer + "/" + table + "/" + sub + "/" + leaf);
            }
          }
        }
      }
    }
    return out;
  }

  /** Names of the sub-folders of a folder, skipping hidden ones (_ and .); empty if it is missing. */
  private List<String> children(String dir) {
    try {
      FileSystem fs = fs();
      Path p = new Path(dir);
      List<String> out = new ArrayList<>();
      if (!fs.exists(p)) {
        return out;
      }
      for (FileStatus s : fs.listStatus(p)) {
        String name = s.getPath().getName();
        if (s.isDirectory() && !name.startsWith("_") && !name.startsWith(".")) {
          out.add(name);
        }
      }
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir + " failed", e);
    }
  }

  /** Whether a plain (unversioned) table folder holds data files outside v-* folders. */
  private boolean hasDataOutsideVersions(String dir) {
    try {
      FileSystem fs = fs();
      Path p = new Path(dir);
      if (!fs.exists(p)) {
        return false;
      }
      for (FileStatus s : fs.listStatus(p)) {
        String name = s.getPath().getName();
        if (name.startsWith("v-") || name.startsWith("_") || name.startsWith(".")) {
          continue;
        }
        if (!s.isDirectory() ? name.endsWith(".parquet") : hasDataOutsideVersions(s.getPath().toString())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir + " failed", e);
    }
  }

  private FileSystem fs() throws IOException {
    return new Path(root).getFileSystem(conf);
  }

  private static String silverKey(String table) {
    return "silver/" + checkName(table);
  }

  private static String goldKey(String table, LocalDate asOf) {
    return "gold/" + checkName(table) + "@" + asOf;
  }

  private static String newVersionName() {
    return "v-" + VERSION_TIME.format(java.time.Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String manifestName(long version) {
    return String.format("%010d.json", version);
  }

  private static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.startsWith("v-")
        || List.of(name.split("/")).stream().anyMatch(part -> part.equals(".") || part.equals(".."))) {
      throw new IllegalArgumentException("'" + name + "' is not a table or source name (letters, digits, _ . -)");
    }
    return name;
  }

  private static String strip(String path) {
    String p = path;
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
