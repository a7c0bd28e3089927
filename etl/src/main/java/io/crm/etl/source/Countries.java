package io.crm.etl.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Country spellings to ISO 3166 alpha-2 codes: the codes themselves, alpha-3 codes, and the
 * English and German names the JDK's locale data knows, plus the spellings exports use that are
 * no ISO name (EIRE, RSA, UK, ...). Matching ignores case and runs of blanks; what is not here
 * stays as written and is flagged by conform, never guessed.
 */
public final class Countries {
  private static final Pattern BLANKS = Pattern.compile("[\\s\\u00A0]+");

  /** Spellings seen in real exports that the locale data does not give. */
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("EIRE", "IE"), Map.entry("RSA", "ZA"), Map.entry("UK", "GB"), Map.entry("GREAT BRITAIN", "GB"),
          Map.entry("UNITED STATES OF AMERICA", "US"), Map.entry("CZECH REPUBLIC", "CZ"),
          Map.entry("TSCHECHISCHE REPUBLIK", "CZ"), Map.entry("HOLLAND", "NL"));

  private static final Map<String, String> BY_KEY = build();

  private Countries() {}

  /** The ISO code for a spelling, if it is one this table knows. */
  public static Optional<String> iso(String spelling) {
    if (spelling == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_KEY.get(key(spelling)));
  }

  /** Every known spelling (as {@link #key}) to its code, for conform's staging models. */
  public static Map<String, String> table() {
    return BY_KEY;
  }

  /** A spelling as compared: trimmed, inner blanks collapsed to one space, upper case. */
  public static String key(String spelling) {
    return BLANKS.matcher(spelling.strip()).replaceAll(" ").toUpperCase(Locale.ROOT);
  }

  private static Map<String, String> build() {
    Map<String, String> out = new LinkedHashMap<>();
    String[] codes = Locale.getISOCountries();
    // codes first, so no name can take over a code (putIfAbsent below)
    for (String code : codes) {
      out.put(code, code);
    }
    for (String code : codes) {
      Locale country = new Locale.Builder().setRegion(code).build();
      try {
        String alpha3 = country.getISO3Country();
        if (!alpha3.isEmpty()) {
          out.putIfAbsent(alpha3, code);
        }
      } catch (MissingResourceException e) {
        // a region without an alpha-3 code is still known by its names
      }
      out.putIfAbsent(key(country.getDisplayCountry(Locale.ENGLISH)), code);
      out.putIfAbsent(key(country.getDisplayCountry(Locale.GERMAN)), code);
    }
    ALIASES.forEach((alias, code) -> out.putIfAbsent(key(alias), code));
    return Collections.unmodifiableMap(out);
  }
}
