package io.crm.etl.source;

/** Apache/Nginx access log layouts: common, or combined (common plus referrer and user agent). */
public enum LogFormat {
  COMMON,
  COMBINED
}
