package io.crm.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {
  @TempDir java.nio.file.Path dir;

  private static FileSystem fileSystem() throws Exception {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return FileSystem.get(URI.create("file:///"), conf);
  }

  @Test
  void directoriesAndPermissionsAreThoseHadoopWouldSet() throws Exception {
    try (FileSystem fs = fileSystem()) {
      assertInstanceOf(NioLocalFileSystem.class, fs);
      Path nested = new Path(dir.toUri().toString(), "a/b/c");
      assertTrue(fs.mkdirs(nested, new FsPermission((short) 0750)));
      assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/c"))));
      fs.setPermission(nested, new FsPermission((short) 0704));
      assertEquals("rwx---r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/c"))));
      assertEquals(new FsPermission((short) 0704), fs.getFileStatus(nested).getPermission());
    }
  }

  /** A listing's statuses tell each file's own permission, owner and group, as the file system has them. */
  @Test
  void listedFilesHaveTheirPermissionOwnerAndGroup() throws Exception {
    try (FileSystem fs = fileSystem()) {
      Path folder = new Path(dir.toUri().toString(), "listed");
      for (String name : List.of("open.txt", "private.txt")) {
        try (FSDataOutputStream out = fs.create(new Path(folder, name))) {
          out.write(name.getBytes(StandardCharsets.UTF_8));
        }
      }
      Files.setPosixFilePermissions(dir.resolve("listed/open.txt"), PosixFilePermissions.fromString("rw-r--r--"));
      Files.setPosixFilePermissions(dir.resolve("listed/private.txt"), PosixFilePermissions.fromString("rw-------"));
      PosixFileAttributes attributes = Files.readAttributes(dir.resolve("listed/open.txt"), PosixFileAttributes.class);

      Map<String, LocatedFileStatus> listed = new TreeMap<>();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, true);
      while (it.hasNext()) {
        LocatedFileStatus status = it.next();
        listed.put(status.getPath().getName(), status);
      }
      assertEquals(List.of("open.txt", "private.txt"), List.copyOf(listed.keySet()), "the checksum files stay hidden");
      assertEquals(new FsPermission((short) 0644), listed.get("open.txt").getPermission());
      assertEquals(new FsPermission((short) 0600), listed.get("private.txt").getPermission());
      assertEquals(attributes.owner().getName(), listed.get("open.txt").getOwner());
      assertEquals(attributes.group().getName(), listed.get("open.txt").getGroup());
      assertEquals(8, listed.get("open.txt").getLen());
      assertEquals(new FsPermission((short) 0600), fs.getFileStatus(new Path(folder, "private.txt")).getPermission());
    }
  }

  @Test
  void filesKeepTheirChecksums() throws Exception {
    try (FileSystem fs = fileSystem()) {
      Path file = new Path(dir.toUri().toString(), "x/data.txt");
      try (FSDataOutputStream out = fs.create(file)) {
        out.write("hello".getBytes(StandardCharsets.UTF_8));
      }
      assertTrue(Files.exists(dir.resolve("x/.data.txt.crc")), "the checksum file beside the data");
      assertEquals(5, fs.getFileStatus(file).getLen());
    }
  }
}
