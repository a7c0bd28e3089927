package io.crm.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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
