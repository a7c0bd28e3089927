package io.crm.jobs.pipeline;

import io.crm.jobs.progress.Progress;
import io.crm.jobs.spark.SparkSessions;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;

/**
 * What every step of one command shares: the workspace, the console streams, the progress
 * reporter and the Spark session (created on first use, so commands without Spark stay fast).
 */
public record JobContext(Workspace workspace, PrintWriter out, PrintWriter err, boolean verbose, Progress progressBar) {
  public SparkSession spark() {
    return SparkSessions.getOrCreate("crm");
  }

  /** One progress line on stderr. */
  public void progress(String line) {
    err.println("  " + line);
    err.flush();
  }
}
