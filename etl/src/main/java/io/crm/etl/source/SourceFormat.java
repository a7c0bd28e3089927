package io.crm.etl.source;

import java.util.Locale;

/** How a source's files are laid out. Any format may be gzip-compressed (name ends in .gz). */
public enum SourceFormat {
  CSV,
  LOG,
  JSONL;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
