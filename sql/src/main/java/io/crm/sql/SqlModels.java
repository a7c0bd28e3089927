package io.crm.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the SQL models of this module from the classpath. A model lives in
 * {@code sql/<layer>/<table>.sql}; the file name is the name of the table it builds. Every
 * model loaded is remembered, so a test can show that no file in sql/ is left unused.
 */
public final class SqlModels {
  private static final Set<String> LOADED = ConcurrentHashMap.newKeySet();

  private SqlModels() {}

  /** The text of {@code sql/<layer>/<name>.sql}, e.g. {@code load("silver", "orders")}. */
  public static String load(String layer, String name) {
    String resource = "sql/" + layer + "/" + name + ".sql";
    try (InputStream in = SqlModels.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no SQL model " + resource + " on the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      LOADED.add(layer + "/" + name);
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** Every model loaded in this JVM so far, as {@code <layer>/<name>}, e.g. {@code silver/orders}. */
  public static Set<String> loaded() {
    return Set.copyOf(LOADED);
  }
}
