package io.crm.jobs.cli;

import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One generated shop (150 customers, 90 days from 2024-01-01, seed 5) after one `crm nightly`,
 * shared by the command tests that need a whole night behind them: on data this small a night is
 * about a minute of fixed Spark work, the same for every test that ran its own. Each test gets a
 * copy of its own to change.
 *
 * <p>The shop is built once per Maven build: the folder named by the system property
 * {@code crm.test.shops} (under target/, keyed by the build's start time, so no build reads an
 * older build's shop) is shared by the module's test JVMs, and a file lock makes the second JVM
 * wait for the first one's night instead of running its own. Without the property (a test run
 * from an IDE) the shop lives in a temporary folder of this JVM.
 */
final class QuarterShop {
  static final String AS_OF = "2024-03-30";
  /** The first day after the generated history. */
  static final String NEXT_DAY = "2024-03-31";
  /**
   * Churn windows short enough for 90 days of history (the defaults want a year of activity
   * before the cutoff), two folds; no report, which an HDFS warehouse could not get either.
   */
  static final String SETTINGS = "report:\n  enabled: false\nchurn:\n  active_days: 45\n  horizon_days: 30\n  folds: 2\n";

  /** Files of a home that belong to one process or are rebuilt for the copy's own paths. */
  private static final Set<String> NOT_COPIED = Set.of(".crm.lock", "crm.duckdb");
  /** What a home holds before its first night: the landing files, crm.yaml and the secret. */
  private static final Set<String> RUN_OUTPUT = Set.of("warehouse", "exports", "reports");

  private static Path shop;

  private QuarterShop() {}

  /** A copy of the shop after its night at {@code home}, with a crm.duckdb whose views read the copy. */
  static void copyNightTo(Path home) {
    copy(shop(), home, Set.of());
    new DuckDbCatalog(Workspace.open(home)).refresh();
  }

  /** The shop as it was before its night (landing files, crm.yaml with {@link #SETTINGS}, secret) at {@code home}. */
  static void copyInputsTo(Path home) {
    copy(shop(), home, RUN_OUTPUT);
  }

  private static synchronized Path shop() {
    if (shop != null) {
      return shop;
    }
    try {
      String shared = System.getProperty("crm.test.shops");
      Path root = shared == null ? Files.createTempDirectory("crm-test-shops") : Path.of(shared);
      Files.createDirectories(root);
      Path dir = root.resolve("quarter");
      Path ready = root.resolve("quarter.ready");
      try (FileChannel ch = FileChannel.open(root.resolve("quarter.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        if (!Files.exists(ready)) {
          // a JVM that died while building left a half-made shop
          delete(dir);
          CrmRun.ok("generate", "--home", dir.toString(), "--customers", "150", "--days", "90", "--seed", "5", "--start", "2024-01-01");
          Files.writeString(dir.resolve("crm.yaml"), "\n" + SETTINGS, StandardOpenOption.APPEND);
          CrmRun.ok("nightly", "--home", dir.toString(), "--as-of", AS_OF);
          Files.writeString(ready, AS_OF + "\n");
        }
      }
      shop = dir;
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the quarter shop", e);
    }
  }

  private static void copy(Path from, Path to, Set<String> leftOut) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path relative = from.relativize(p);
        if (!relative.toString().isEmpty()
            && (leftOut.contains(relative.getName(0).toString()) || NOT_COPIED.contains(relative.toString()))) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
          PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
          if (view != null) {
            // the workspace keeps personal data in folders only its owner reads
            view.setPermissions(Files.getPosixFilePermissions(p));
          }
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      Files.delete(p);
    }
  }
}
