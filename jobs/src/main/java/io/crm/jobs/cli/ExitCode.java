package io.crm.jobs.cli;

/** Exit codes of every `crm` command, as documented in the README. */
public final class ExitCode {
  /** The command did what it was asked. */
  public static final int OK = 0;
  /** An unexpected failure inside the job (a bug or an environment problem). */
  public static final int FAILED = 1;
  /** The command line was wrong: unknown option, missing argument. */
  public static final int USAGE = 2;
  /** The input was wrong: missing file, bad configuration, bad value. */
  public static final int BAD_INPUT = 3;
  /** Another process is writing to the workspace; nothing was done. */
  public static final int LOCKED = 4;
  /** A quality gate in crm.yaml failed; the night stopped before its data went further. */
  public static final int GATE_FAILED = 5;

  private ExitCode() {}
}
