package io.crm.analytics.marketing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One named campaign: its kind's rules with the settings from crm.yaml merged over the kind's
 * defaults. Typed accessors name the YAML path of a bad value.
 */
public record Campaign(String name, CampaignKind kind, Map<String, Object> settings) {

  public Campaign {
    settings = Map.copyOf(settings);
  }

  public String offer() {
    return text("offer");
  }

  public double responseRate() {
    return number("response_rate");
  }

  String path(String key) {
    return "campaigns." + name + "." + key;
  }

  String text(String key) {
    Object v = settings.get(key);
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException(path(key) + " must be text, got '" + v + "'");
  }

  double number(String key) {
    Object v = settings.get(key);
    if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(path(key) + " must be a number, got '" + v + "'");
  }

  int whole(String key) {
    Object v = settings.get(key);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException(path(key) + " must be a whole number, got '" + v + "'");
  }

  /** A list of names; a single name counts as a list of one. */
  List<String> names(String key) {
    Object v = settings.get(key);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l && !l.isEmpty()) {
      l.forEach(x -> out.add(String.valueOf(x)));
      return out;
    }
    if (v instanceof String s && !s.isBlank()) {
      return List.of(s);
    }
    throw new IllegalArgumentException(path(key) + " must be a non-empty list like [A, B], got '" + v + "'");
  }

  /** A value out of {@code allowed}. */
  String choice(String key, List<String> allowed) {
    String v = text(key);
    if (!allowed.contains(v)) {
      throw new IllegalArgumentException(path(key) + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }
    return v;
  }

  /** A share in [lo, hi]. */
  double share(String key, double lo, double hi) {
    double v = number(key);
    if (v < lo || v > hi) {
      throw new IllegalArgumentException(path(key) + " must be between " + lo + " and " + hi + ", got '" + v + "'");
    }
    return v;
  }
}
