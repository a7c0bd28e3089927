package io.crm.warehouse;

import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system (checksums included) that sets and reads permissions through
 * java.nio. Without Hadoop's native library the stock one starts a {@code chmod} process for every
 * directory it creates (a Parquet write makes several; a small nightly started about 750 of them,
 * 7-9 ms each and more while the JVM was busy) and an {@code ls -ld} process for every file a
 * listing such as {@code listFiles} returns. Registered as {@code fs.file.impl} by the local Spark
 * session; a file system without POSIX permissions falls back to Hadoop's way.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  private static final class Raw extends RawLocalFileSystem {
    private static final boolean POSIX =
        java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      java.nio.file.Path file = pathToFile(p).toPath();
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
            permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL + permission.getOtherAction().SYMBOL));
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      }
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
      FileStatus[] listed = super.listStatus(f);
      if (!POSIX) {
        return listed;
      }
      FileStatus[] out = new FileStatus[listed.length];
      for (int i = 0; i < listed.length; i++) {
        out[i] = new NioFileStatus(listed[i]);
      }
      return out;
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      FileStatus status = super.getFileStatus(f);
      return POSIX ? new NioFileStatus(status) : status;
    }

  }

  /**
   * A local file's status whose permission, owner and group are read through java.nio when first
   * asked for (Hadoop's own reads them by running {@code ls -ld}).
   */
  private static final class NioFileStatus extends FileStatus {
    private static final long serialVersionUID = 1L;
    private boolean loaded;

    NioFileStatus(FileStatus listed) {
      // length, kind, times and path only: asking the listed status for its permission would run ls
      super(listed.getLen(), listed.isDirectory(), listed.getReplication(), listed.getBlockSize(),
          listed.getModificationTime(), listed.getAccessTime(), null, null, null, listed.getPath());
    }

    @Override
    public FsPermission getPermission() {
      load();
      return super.getPermission();
    }

    @Override
    public String getOwner() {
      load();
      return super.getOwner();
    }

    @Override
    public String getGroup() {
      load();
      return super.getGroup();
    }

    @Override
    public void write(DataOutput out) throws IOException {
      load();
      super.write(out);
    }

    private synchronized void load() {
      if (loaded) {
        return;
      }
      try {
        PosixFileAttributes a = Files.readAttributes(Paths.get(getPath().toUri()), PosixFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        // FsPermission parses the ls form: a type character, then rwx three times
        setPermission(FsPermission.valueOf("-" + PosixFilePermissions.toString(a.permissions())));
        setOwner(a.owner().getName());
        setGroup(a.group().getName());
        loaded = true;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the permissions of " + getPath(), e);
      }
    }
  }
}
