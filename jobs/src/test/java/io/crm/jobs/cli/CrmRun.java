package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One `crm ARGS` run inside the test JVM with what it printed: the fixture of the command tests. */
record CrmRun(int exit, String out, String err) {

  static CrmRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Crm.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new CrmRun(exit, out.toString(), err.toString());
  }

  /** Runs `crm ARGS`, fails the test with everything printed unless it exits 0; returns stdout. */
  static String ok(String... args) {
    CrmRun r = of(args);
    assertEquals(ExitCode.OK, r.exit(), String.join(" ", args) + ":\n" + r.out() + r.err());
    return r.out();
  }
}
