package io.crm.jobs.gdpr;

import com.fasterxml.jackson.databind.JsonNode;
import io.crm.etl.ingest.ErasedIdentities;
import io.crm.jobs.cli.UserException;
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
  /** Hashed with the secret into every tombstone, so a changed secret is noticed instead of silently matching no one. */
  private static final String KEY_CHECK = "crm tombstone key check";

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
    s.emails().forEach(e -> out.add(ErasedIdentities.tombstone(hash, e.strip().toLowerCase(Locale.ROOT))));
    s.customerIds().forEach(id -> out.add(ErasedIdentities.tombstone(hash, id.strip())));
    s.cookies().forEach(c -> out.add(ErasedIdentities.tombstone(hash, c.strip())));
    return out;
  }

  /** Records {@code hashes} (made with {@code hash}), those not recorded yet; returns how many were new. */
  public int add(Set<String> hashes, KeyedHash hash, Instant at) {
    check(hash);
    Set<String> known = hashes();
    List<Map<String, Object>> fresh = new ArrayList<>();
    for (String h : hashes) {
      if (!known.contains(h)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", h);
        m.put("key", hash.of(KEY_CHECK));
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
    Tombstones tombstones = new Tombstones(ws.runs(), ws.hadoopConf());
    Set<String> hashes = tombstones.hashes();
    if (hashes.isEmpty()) {
      return ErasedIdentities.NONE;
    }
    KeyedHash hash = WorkspaceSecret.load(ws, false);
    tombstones.check(hash);
    return new ErasedIdentities(hash, hashes);
  }

  /**
   * Refuses a secret other than the one the tombstones were made with: under another secret no
   * record would match them, and erased people would come back with the next ingest.
   */
  private void check(KeyedHash hash) {
    String mine = hash.of(KEY_CHECK);
    for (JsonNode n : file.read()) {
      if (n.hasNonNull("key") && !n.path("key").asText().equals(mine)) {
        throw new UserException("the workspace secret is not the one the erasure tombstones in " + file.path()
            + " were made with: restore that secret (" + WorkspaceSecret.ENV + " or secret_file), or erased people come back");
      }
    }
  }
}
