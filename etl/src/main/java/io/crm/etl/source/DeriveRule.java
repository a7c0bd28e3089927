package io.crm.etl.source;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One rule of a source's `derive:` section: it gives a canonical field its value from the file's
 * own columns when the file has no column that says it directly (an invoice export whose
 * cancellations are the invoice numbers starting with C). A rule either tests one raw column
 * with a prefix or a regular expression and then yields {@code value}, or is a Spark SQL
 * expression over the raw columns whose non-null result is the value. Rules of a field are tried
 * in order; the first that yields a value wins.
 *
 * @param column the raw column a prefix or regex rule tests (header name, or 1-based position)
 * @param prefix the text the column must start with (compared as written), or null
 * @param regex a Java regular expression found anywhere in the column (anchor with ^ and $), or null
 * @param sql a Spark SQL expression over the raw columns (by header name), or null
 * @param value what a matching prefix or regex rule yields
 * @param sqlColumns the raw columns the sql expression names
 */
public record DeriveRule(
    String column, String prefix, String regex, String sql, String value, List<String> sqlColumns)
    implements Serializable {

  public boolean isSql() {
    return sql != null;
  }

  /** The raw columns this rule reads. */
  public List<String> rawColumns() {
    return isSql() ? sqlColumns : List.of(column);
  }

  /** Whether a prefix or regex rule matches the column's text (blank never matches). */
  public boolean matches(String text, Pattern compiled) {
    if (text == null || text.isBlank()) {
      return false;
    }
    String t = text.trim();
    return prefix != null ? t.startsWith(prefix) : compiled.matcher(t).find();
  }
}
