package io.crm.analytics.cubes;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which measures a cube can compute in two steps: a partial aggregate per row of a pre-grouped
 * base, then a second aggregate over the partials of a cell. {@code SUM} and {@code COUNT} are
 * summed again, {@code MIN} and {@code MAX} taken again; anything else (a distinct count without
 * declared spans, an average, an expression of several aggregates) cannot be, and a cube with such
 * a measure is grouped straight from its facts.
 */
final class PartialAggregates {
  private static final Pattern SINGLE_AGGREGATE = Pattern.compile("(?is)\\s*(SUM|COUNT|MIN|MAX)\\s*\\((.*)\\)\\s*");
  private static final Pattern DISTINCT = Pattern.compile("(?is)\\s*DISTINCT\\b.*");

  private PartialAggregates() {}

  /**
   * The aggregate function that combines partial values of {@code measure}, or empty when the
   * measure is not one aggregate call over its whole text.
   */
  static Optional<String> combiner(String measure) {
    Matcher m = SINGLE_AGGREGATE.matcher(measure);
    if (!m.matches() || DISTINCT.matcher(m.group(2)).matches() || !balanced(m.group(2))) {
      return Optional.empty();
    }
    String function = m.group(1).toUpperCase(Locale.ROOT);
    return Optional.of(function.equals("COUNT") ? "SUM" : function);
  }

  /**
   * True when the parentheses of {@code argument} close within it, so that the call's own
   * parentheses enclose the whole measure ({@code SUM(a) / SUM(b)} is not one call).
   */
  private static boolean balanced(String argument) {
    int depth = 0;
    boolean quoted = false;
    for (char c : argument.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && --depth < 0) {
        return false;
      }
    }
    return depth == 0 && !quoted;
  }
}
