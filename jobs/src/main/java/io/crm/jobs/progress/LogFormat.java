package io.crm.jobs.progress;

/** How progress is reported: for people ({@code text}) or one JSON object per event ({@code json}). */
public enum LogFormat {
  TEXT,
  JSON
}
