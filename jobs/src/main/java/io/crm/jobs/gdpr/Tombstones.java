package io.crm.jobs.gdpr;

import com.fasterxml.jackson.databind.JsonNode;
import io.crm.etl.ingest.ErasedIdentities;
import io.crm.jobs.workspace.Workspace;
import io.crm.jobs.workspace.WorkspaceSecret;
import io.crm.warehouse.KeyedHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * The tombstones of erased people: keyed hashes (the workspace secret's HMAC) of their e-mail
 * addresses (lower-cased, trimmed), customer ids and cookie ids, one JSON line each in
 * {@code _runs/gdpr/tombstones.jsonl}. Ingest drops every record that carries one of them. The
 * plain identifiers are never written, and without the secret the hashes cannot be tested against
 * a guessed address.
 */
public final class Tombstones {
  public static final String FILE = "gdpr/tombstones.jsonl";

  private final JsonLines file;

  public Tombstones(String runsDir, Configuration conf) {
    this.file = new JsonLines(runsDir + "/" + FILE, conf);
  }

  /** The hashes recorded so far. */
  public Set<String> hashes() {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode n : file.read()) {
      out.add(n.path("hash").asText());
    }
    return out;
  }

  /** The keyed hashes of a person's identifiers, in the forms ingest tests ({@link ErasedIdentities#matches}). */
  public static Set<String> of(Subject s, KeyedHash hash) {
    Set<String> out = new LinkedHashSet<>();
    s.emails().forEach(e -> out.add(hash.of(e.strip().toLowerCase(Locale.ROOT))));
    s.customerIds().forEach(id -> out.add(hash.of(id.strip())));
    s.cookies().forEach(c -> out.add(hash.of(c.strip())));
    return out;
  }

  /** Records {@code hashes}, those not recorded yet; returns how many were new. */
  public int add(Set<String> hashes, Instant at) {
    Set<String> known = hashes();
    List<Map<String, Object>> fresh = new ArrayList<>();
    for (String h : hashes) {
      if (!known.contains(h)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", h);
        m.put("recorded_at", at.toString());
        fresh.add(m);
      }
    }
    if (!fresh.isEmpty()) {
      file.append(fresh);
    }
    return fresh.size();
  }

  /**
   * What ingest needs to drop erased people's records; the workspace secret is loaded only when
   * someone was erased, so a workspace without erasures needs no secret to ingest.
   */
  public static ErasedIdentities forIngest(Workspace ws) {
    Set<String> hashes = new Tombstones(ws.runs(), ws.hadoopConf()).hashes();
    return hashes.isEmpty() ? ErasedIdentities.NONE : new ErasedIdentities(WorkspaceSecret.load(ws, false), hashes);
  }
}
