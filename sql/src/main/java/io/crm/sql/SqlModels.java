package io.crm.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the SQL models of this module from the classpath. A model lives in
 * {@code sql/<layer>/<table>.sql}; the file name is the name of the table it builds, and of the
 * view its rows are registered as (a cube's facts: {@code cubes/<cube>_facts}). Some views the
 * models read are no model's rows but built in Java, so no file carries their names: the bronze
 * rows of a source kind ({@code bronze_<kind>}, read by {@code staging/stg_<kind>}), the
 * connected components of the identity graph ({@code identity_labels}, read by
 * {@code silver/identities}, and {@code identity_labels_delta}, those of the part a night
 * changes), and what a night resolves identities again from: the last run's table
 * ({@code identities_before}) and the rows the night added ({@code stg_transactions_new},
 * {@code web_identity_hits_new}). Every model loaded is remembered, so a test can show that no
 * file in sql/ is left unused.
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
