package io.crm.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CaseMappingWarmUpTest {
  /** A Spark upgrade that renames the class would turn the warm-up into a silent no-op. */
  @Test
  void theClassItInitialisesIsInTheSparkWeRunOn() {
    Class<?> tables = assertDoesNotThrow(() -> Class.forName(CaseMappingWarmUp.TABLES, false, getClass().getClassLoader()));
    assertTrue(tables.getName().startsWith("org.apache.spark."), tables.getName());
  }
}
