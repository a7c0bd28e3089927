package io.crm.jobs.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Crm.class.getPackage().getImplementationVersion();
    return new String[] {
      "crm " + (v == null ? "(development build)" : v),
      "Java " + System.getProperty("java.version") + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
    };
  }
}
