package io.crm.analytics;

import io.crm.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Test warehouses, one {@link Warehouse} object per root as one process would hold, so what a
 * step stages is visible to the next step of the same test without a commit.
 */
public final class Warehouses {
  private static final Map<Path, Warehouse> OPEN = new HashMap<>();

  private Warehouses() {}

  public static synchronized Warehouse at(Path root) {
    return OPEN.computeIfAbsent(root.toAbsolutePath().normalize(),
        r -> Warehouse.open(r.toString(), SharedSpark.get().sparkContext().hadoopConfiguration()));
  }

  /** The warehouse whose layer folder (silver/ or gold/) is {@code layerRoot}. */
  public static Warehouse forLayer(String layerRoot) {
    return at(Path.of(layerRoot).getParent());
  }
}
