package io.crm.etl.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Replaces a partition folder by a fully written one with renames only: the live folder is
 * renamed aside (to a name starting with `_`, which Spark's readers skip), the new one renamed
 * in, the old one deleted. Readers see the old or the new partition, never a half-written one.
 * If a crash falls between the two renames, {@link #recover} (run before every ingest) puts the
 * old folder back. Renames are atomic on local disks and HDFS; on object stores they are not.
 */
final class PartitionPublisher {
  private static final String ASIDE = "_old.";

  private final FileSystem fs;

  PartitionPublisher(FileSystem fs) {
    this.fs = fs;
  }

  void publish(Path staged, Path live, String runId) {
    try {
      fs.mkdirs(live.getParent());
      Path aside = new Path(live.getParent(), ASIDE + runId + "." + live.getName());
      boolean hadOld = fs.exists(live);
      if (hadOld && !fs.rename(live, aside)) {
        throw new IOException("could not move " + live + " aside to " + aside);
      }
      if (!fs.rename(staged, live)) {
        if (hadOld) {
          fs.rename(aside, live);
        }
        throw new IOException("could not rename " + staged + " to " + live);
      }
      if (hadOld) {
        fs.delete(aside, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("publishing " + live + " failed", e);
    }
  }

  /** Undoes a publish cut short: puts a partition moved aside back if its replacement is missing. */
  void recover(Path tableDir) {
    try {
      if (!fs.exists(tableDir)) {
        return;
      }
      for (FileStatus s : fs.listStatus(tableDir)) {
        String name = s.getPath().getName();
        if (!s.isDirectory() || !name.startsWith(ASIDE)) {
          continue;
        }
        int dot = name.indexOf('.', ASIDE.length());
        Path live = new Path(tableDir, name.substring(dot + 1));
        if (fs.exists(live)) {
          fs.delete(s.getPath(), true);
        } else if (!fs.rename(s.getPath(), live)) {
          throw new IOException("could not restore " + s.getPath() + " to " + live);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("recovering " + tableDir + " failed", e);
    }
  }
}
