package io.crm.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads the SQL models of this module from the classpath. A model lives in
 * {@code sql/<layer>/<table>.sql}; the file name is the name of the table it builds.
 */
public final class SqlModels {
  private SqlModels() {}

  /** The text of {@code sql/<layer>/<name>.sql}, e.g. {@code load("silver", "orders")}. */
  public static String load(String layer, String name) {
    String resource = "sql/" + layer + "/" + name + ".sql";
    try (InputStream in = SqlModels.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no SQL model " + resource + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
