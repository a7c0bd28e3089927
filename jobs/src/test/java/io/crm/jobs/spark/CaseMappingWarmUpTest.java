package io.crm.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class CaseMappingWarmUpTest {
  /** A Spark upgrade that renames the class would turn the warm-up into a silent no-op. */
  @Test
  void theClassItInitialisesIsInTheSparkWeRunOn() {
    assertDoesNotThrow(() -> Class.forName(CaseMappingWarmUp.TABLES, false, getClass().getClassLoader()),
        "Spark no longer has " + CaseMappingWarmUp.TABLES);
  }
}
