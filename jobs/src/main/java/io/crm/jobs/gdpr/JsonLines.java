package io.crm.jobs.gdpr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A small append-only JSON-lines file in the warehouse (tombstones, the erasure audit), read and
 * written through Hadoop's FileSystem so it lives on HDFS or S3 with the warehouse. An append
 * rewrites the file through a temporary file and a rename: these files stay small, every file
 * system can do it, and a kill leaves the old file or the new one, never a torn line. Writers hold
 * the workspace lock.
 */
final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Configuration conf;

  JsonLines(String file, Configuration conf) {
    this.file = new Path(file);
    this.conf = conf;
  }

  String path() {
    return file.toString();
  }

  List<JsonNode> read() {
    List<JsonNode> out = new ArrayList<>();
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (!fs.exists(file)) {
        return out;
      }
      try (InputStream in = fs.open(file)) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank()) {
            out.add(JSON.readTree(line));
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  void append(List<?> entries) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      byte[] old = new byte[0];
      if (fs.exists(file)) {
        try (InputStream in = fs.open(file)) {
          old = in.readAllBytes();
        }
      }
      fs.mkdirs(file.getParent());
      Path temp = new Path(file.getParent(), "_" + file.getName() + "." + UUID.randomUUID() + ".tmp");
      try (OutputStream out = fs.create(temp, false)) {
        out.write(old);
        for (Object e : entries) {
          out.write((JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      if (fs.exists(file) && !fs.delete(file, false)) {
        throw new IOException("could not replace " + file);
      }
      if (!fs.rename(temp, file)) {
        throw new IOException("could not rename " + temp + " to " + file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
