package io.crm.jobs.cli;

import io.crm.jobs.pipeline.QualityGateException;
import io.crm.jobs.workspace.WorkspaceLockedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and a documented exit code. The stack trace is
 * printed only when `--verbose` was given.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    PrintWriter err = ex.getCommandLine().getErr();
    err.println("crm: " + ex.getMessage());
    err.println("Try `crm " + subcommandPath(ex.getCommandLine()) + "--help`.");
    err.flush();
    return ExitCode.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    boolean verbose = isVerbose(parsed);
    for (Throwable t = ex; t != null; t = t.getCause()) {
      int code = t instanceof WorkspaceLockedException ? ExitCode.LOCKED
          : t instanceof QualityGateException ? ExitCode.GATE_FAILED : -1;
      if (code > 0) {
        err.println("crm: " + t.getMessage());
        err.flush();
        return code;
      }
    }
    Throwable userError = findUserError(ex);
    if (userError != null) {
      err.println("crm: " + userError.getMessage());
      if (verbose) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ExitCode.BAD_INPUT;
    }
    err.println("crm: failed: " + describe(ex));
    if (verbose) {
      ex.printStackTrace(err);
    } else {
      err.println("Run again with --verbose for the stack trace.");
    }
    err.flush();
    return ExitCode.FAILED;
  }

  /** User errors may arrive wrapped (for example by Spark or a thread pool). */
  private static Throwable findUserError(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof UserException || t instanceof IllegalArgumentException) {
        return t;
      }
    }
    return null;
  }

  private static String describe(Throwable ex) {
    Throwable root = ex;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    return root.getClass().getSimpleName() + (msg == null ? "" : ": " + firstLine(msg));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static boolean isVerbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static String subcommandPath(CommandLine cmd) {
    StringBuilder sb = new StringBuilder();
    for (CommandLine c = cmd; c.getParent() != null; c = c.getParent()) {
      sb.insert(0, c.getCommandName() + " ");
    }
    return sb.toString();
  }
}
