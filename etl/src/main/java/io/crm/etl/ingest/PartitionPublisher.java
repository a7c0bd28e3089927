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
 * A publish whose intent was recorded is completed after a crash by {@link #rollForward}; without
 * an intent, {@link #recover} puts a folder moved aside back. Renames are atomic on local disks and HDFS; on object stores they are not.
 */
final class PartitionPublisher {
  private static final String ASIDE = "_old.";
  private static final String MARK = "_run-";

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

  /** Marks a staged partition as written by {@code runId}, so recovery can tell whether it is live. */
  static void mark(FileSystem fs, Path staged, String runId) {
    try {
      fs.create(new Path(staged, MARK + runId), true).close();
    } catch (IOException e) {
      throw new UncheckedIOException("marking " + staged + " failed", e);
    }
  }

  /**
   * Completes the swap of {@code staged} into {@code live} for a run whose intent was recorded:
   * nothing to do when the live partition already carries the run's mark, otherwise the staged
   * folder (still in scratch) is published, whether or not the old partition was moved aside.
   */
  void rollForward(Path staged, Path live, String runId) {
    try {
      Path aside = new Path(live.getParent(), ASIDE + runId + "." + live.getName());
      if (fs.exists(new Path(live, MARK + runId))) {
        fs.delete(aside, true);
        return;
      }
      if (!fs.exists(staged)) {
        throw new IOException("the staged partition " + staged + " of run " + runId + " is gone and " + live + " is not from that run");
      }
      if (!fs.exists(live) && fs.exists(aside)) {
        if (!fs.rename(staged, live)) {
          throw new IOException("could not rename " + staged + " to " + live);
        }
        fs.delete(aside, true);
        return;
      }
      publish(staged, live, runId);
    } catch (IOException e) {
      throw new UncheckedIOException("completing the publish of " + live + " by run " + runId + " failed", e);
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
