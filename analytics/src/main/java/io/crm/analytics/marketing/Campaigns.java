package io.crm.analytics.marketing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code campaigns:} section of crm.yaml. Every kind is a campaign under its own name with
 * its defaults; an entry changes settings of one, or adds a campaign of a kind under a new name
 * ({@code kind: win-back}). Unknown keys and bad values are refused with their YAML path.
 */
public final class Campaigns {
  private final Map<String, Campaign> byName;

  private Campaigns(Map<String, Campaign> byName) {
    this.byName = byName;
  }

  public static Campaigns defaults() {
    return fromMap(Map.of());
  }

  public static Campaigns fromMap(Map<String, Object> section) {
    Map<String, Campaign> out = new LinkedHashMap<>();
    for (CampaignKind k : CampaignKind.values()) {
      out.put(k.id(), new Campaign(k.id(), k, k.defaults()));
    }
    for (Map.Entry<String, Object> e : section.entrySet()) {
      String name = e.getKey();
      if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
        throw new IllegalArgumentException("campaigns." + name + ": a campaign name uses a-z, 0-9, - and _ only");
      }
      Map<String, Object> given = new LinkedHashMap<>();
      if (e.getValue() != null) {
        if (!(e.getValue() instanceof Map<?, ?> m)) {
          throw new IllegalArgumentException("campaigns." + name + " must be a mapping of settings, got '" + e.getValue() + "'");
        }
        m.forEach((key, value) -> given.put(String.valueOf(key), value));
      }
      CampaignKind kind = CampaignKind.byId(name);
      Object kindName = given.remove("kind");
      if (kindName != null) {
        kind = CampaignKind.byId(String.valueOf(kindName));
        if (kind == null) {
          throw new IllegalArgumentException("campaigns." + name + ".kind must be one of "
              + String.join(", ", CampaignKind.ids()) + ", got '" + kindName + "'");
        }
      }
      if (kind == null) {
        throw new IllegalArgumentException("campaigns." + name + " is not a built-in campaign ("
            + String.join(", ", CampaignKind.ids()) + "); give it a kind: one of them");
      }
      for (String key : given.keySet()) {
        if (!kind.defaults().containsKey(key)) {
          throw new IllegalArgumentException("campaigns." + name + "." + key + " is not a setting of a " + kind.id()
              + " campaign; valid: kind, " + String.join(", ", kind.defaults().keySet()));
        }
      }
      Map<String, Object> merged = new LinkedHashMap<>(kind.defaults());
      given.forEach((key, value) -> {
        if (value != null) {
          merged.put(key, value);
        }
      });
      Campaign c = new Campaign(name, kind, merged);
      CampaignSelector.validate(c);
      out.put(name, c);
    }
    return new Campaigns(out);
  }

  /** The campaign of that name; an unknown name is refused listing the known ones. */
  public Campaign get(String name) {
    Campaign c = byName.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no campaign '" + name + "'; campaigns: " + String.join(", ", byName.keySet()));
    }
    return c;
  }

  public List<Campaign> all() {
    return new ArrayList<>(byName.values());
  }
}
