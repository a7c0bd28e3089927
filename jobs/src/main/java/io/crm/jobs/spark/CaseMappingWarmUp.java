package io.crm.jobs.spark;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds Spark's Unicode case-mapping tables on a background thread, once per JVM.
 *
 * <p>Why: the first {@code lower()} or {@code upper()} of a non-ASCII string in a JVM initialises
 * Spark's {@code CollationAwareUTF8String}, which fills a title-case table over all of Unicode
 * through ICU: 6.4-6.7 s of one core on this machine (the class initialised alone), during which
 * the task that needed it waits. Conform's staging models lowercase every e-mail, so a night paid it in
 * the middle of conform; started when the night starts, it runs beside the session start-up and
 * ingest, which leave a core idle at small sizes. A task that needs the tables before they are
 * done waits for them as it would have anyway.
 */
public final class CaseMappingWarmUp {
  static final String TABLES = "org.apache.spark.sql.catalyst.util.CollationAwareUTF8String";
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private CaseMappingWarmUp() {}

  /** Starts the warm-up unless this JVM already did; returns at once. */
  public static void start() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(CaseMappingWarmUp::initialise, "crm-case-mapping-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static void initialise() {
    try {
      Class.forName(TABLES, true, CaseMappingWarmUp.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      // another Spark version without these tables: there is nothing to build ahead
    }
  }
}
