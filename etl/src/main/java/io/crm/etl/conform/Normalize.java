package io.crm.etl.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * Column expressions that put identifiers and codes into one spelling before they are compared:
 * e-mails (trim, lower case, validity), ids (trim, blank is null), countries and currencies.
 */
public final class Normalize {
  /** Something@domain.tld without blanks; deliberately loose, it only keeps junk out of stitching. */
  static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$";

  /** Country names seen in exports, mapped to ISO 3166 alpha-2 (codes pass through upper-cased). */
  private static final Map<String, String> COUNTRY_NAMES =
      Map.ofEntries(
          Map.entry("GERMANY", "DE"), Map.entry("DEUTSCHLAND", "DE"), Map.entry("DEU", "DE"),
          Map.entry("AUSTRIA", "AT"), Map.entry("ÖSTERREICH", "AT"), Map.entry("AUT", "AT"),
          Map.entry("SWITZERLAND", "CH"), Map.entry("SCHWEIZ", "CH"), Map.entry("CHE", "CH"),
          Map.entry("FRANCE", "FR"), Map.entry("FRANKREICH", "FR"), Map.entry("FRA", "FR"),
          Map.entry("NETHERLANDS", "NL"), Map.entry("NIEDERLANDE", "NL"), Map.entry("NLD", "NL"),
          Map.entry("UNITED KINGDOM", "GB"), Map.entry("UK", "GB"), Map.entry("GREAT BRITAIN", "GB"), Map.entry("GBR", "GB"),
          Map.entry("UNITED STATES", "US"), Map.entry("USA", "US"),
          Map.entry("ITALY", "IT"), Map.entry("ITALIEN", "IT"), Map.entry("ITA", "IT"),
          Map.entry("SPAIN", "ES"), Map.entry("SPANIEN", "ES"), Map.entry("ESP", "ES"),
          Map.entry("BELGIUM", "BE"), Map.entry("BELGIEN", "BE"), Map.entry("POLAND", "PL"), Map.entry("POLEN", "PL"));

  /** What counts as blank around a value: space, tab, line breaks, no-break space. */
  private static final String BLANKS = " \t\r\n\u000B\f\u00A0";

  private Normalize() {}

  /** Trims all blanks (including no-break spaces); blank becomes null. */
  public static Column text(Column c) {
    // trim with a character set, not a regular expression: this runs on every text column of bronze
    Column t = trim(c, BLANKS);
    return when(t.equalTo(lit("")), lit(null).cast("string")).otherwise(t);
  }

  /** An id as text: trimmed, blank or "-" (the log placeholder) is null. */
  public static Column id(Column c) {
    Column t = text(c.cast("string"));
    return when(t.equalTo(lit("-")), lit(null).cast("string")).otherwise(t);
  }

  /** E-mail as compared: trimmed and lower-cased; blank is null. */
  public static Column email(Column c) {
    return lower(text(c));
  }

  /** Whether a normalised e-mail looks deliverable enough to stitch identities on. */
  public static Column isValidEmail(Column normalised) {
    return coalesce(normalised.rlike(EMAIL_PATTERN), lit(false));
  }

  /** Upper-case ISO code; common country names in English and German are mapped to their code. */
  public static Column country(Column c) {
    Column t = upper(text(c));
    Column out = t;
    for (Map.Entry<String, String> e : COUNTRY_NAMES.entrySet()) {
      out = when(t.equalTo(lit(e.getKey())), lit(e.getValue())).otherwise(out);
    }
    return out;
  }

  /** Upper-case ISO 4217 code; the euro sign is read as EUR. */
  public static Column currency(Column c) {
    Column t = upper(text(c));
    return when(t.equalTo(lit("€")), lit("EUR")).when(t.equalTo(lit("$")), lit("USD")).otherwise(t);
  }
}
