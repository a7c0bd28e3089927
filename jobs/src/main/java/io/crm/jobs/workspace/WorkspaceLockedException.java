package io.crm.jobs.workspace;

/** Another live process holds the workspace's writer lock (exit code 4). */
public final class WorkspaceLockedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WorkspaceLockedException(String message) {
    super(message);
  }
}
