package io.crm.jobs.serve;

/** How query and cube results are printed. */
public enum ResultFormat {
  TABLE,
  CSV,
  JSON
}
