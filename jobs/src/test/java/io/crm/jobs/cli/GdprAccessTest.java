package io.crm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.jobs.serve.DuckDbCatalog;
import io.crm.jobs.workspace.Workspace;
import io.crm.jobs.workspace.WorkspaceSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `crm gdpr access` on a small shop with two people: Anna's answer holds every row that mentions
 * her (checked against a plain text search over every view) and nothing of Bob's.
 */
class GdprAccessTest {
  @TempDir static Path home;

  @BeforeAll
  static void shop() throws Exception {
    Files.writeString(home.resolve("crm.yaml"), String.join("\n",
        "timezone: UTC",
        "sources:",
        "  orders:",
        "    kind: transactions",
        "    path: landing/orders/*.csv",
        "  contacts:",
        "    kind: contacts",
        "    path: landing/contacts/*.csv",
        ""), StandardCharsets.UTF_8);
    Path orders = Files.createDirectories(home.resolve("landing/orders"));
    Files.writeString(orders.resolve("o.csv"), String.join("\n",
        "order_id,order_ts,customer_id,email,sku,quantity,unit_price",
        "A1,2024-03-01T10:00:00Z,K-1001,Anna.Berg@example.com ,S1,1,10.00",
        "A2,2024-03-05T10:00:00Z,,anna.berg@example.com,S2,2,5.00",
        "B1,2024-03-02T10:00:00Z,K-2002,bob@example.com,S1,1,10.00",
        "A3,broken date,K-1001,anna.berg@example.com,S1,1,10.00",
        ""));
    Path contacts = Files.createDirectories(home.resolve("landing/contacts"));
    Files.writeString(contacts.resolve("c.csv"), String.join("\n",
        "contact_id,customer_id,email,first_name,last_name,city",
        "C1,K-1001,anna.berg@example.com,Anna,Berg,Köln",
        "C2,K-2002,bob@example.com,Bob,Stone,Bonn",
        ""));
    CrmRun.ok("ingest", "--home", home.toString());
    CrmRun.ok("conform", "--home", home.toString());
    CrmRun.ok("segment", "--home", home.toString(), "--as-of", "2024-03-31");
  }

  private static JsonNode access(String... person) throws Exception {
    Path out = home.resolve("answer-" + person[1].hashCode() + ".json");
    List<String> args = new ArrayList<>(List.of("gdpr", "access", "--home", home.toString(), "--out", out.toString()));
    args.addAll(List.of(person));
    String printed = CrmRun.ok(args.toArray(String[]::new));
    assertTrue(printed.contains("gdpr access for"), printed);
    return new ObjectMapper().readTree(out.toFile());
  }

  /**
   * Rows per view of the owner's catalog (bronze, quarantine and all of silver included) whose
   * text contains the needle, found by casting each row to text.
   */
  private static Map<String, Long> textSearch(String needle) throws Exception {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Connection c = DuckDbCatalog.openRestricted(Workspace.open(home));
        Statement st = c.createStatement()) {
      List<String> views = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal")) {
        while (rs.next()) {
          views.add(rs.getString(1) + "." + rs.getString(2));
        }
      }
      for (String v : views) {
        String quoted = v.replaceFirst("\\.(.*)$", ".\"$1\"");
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quoted + " t WHERE contains(lower(CAST(t AS VARCHAR)), '" + needle + "')")) {
          rs.next();
          if (rs.getLong(1) > 0) {
            out.put(v, rs.getLong(1));
          }
        }
      }
    }
    return out;
  }

  @Test
  void theAnswerHoldsEveryRowThatMentionsThePersonAndNoOneElse() throws Exception {
    JsonNode answer = access("--email", "ANNA.BERG@example.com");

    assertTrue(answer.path("identities").path("customer_ids").toString().contains("K-1001"), answer.path("identities").toString());
    String key = WorkspaceSecret.load(Workspace.open(home), false).of("K-1001");
    assertEquals("[\"" + key + "\"]", answer.path("identities").path("customer_keys").toString());
    Map<String, Long> mentions = textSearch("anna.berg@example.com");
    textSearch("k-1001").forEach((view, n) -> mentions.merge(view, n, Math::max));
    // gold knows Anna only by her pseudonymous key
    textSearch(key).forEach((view, n) -> mentions.merge(view, n, Math::max));
    assertTrue(mentions.containsKey("gold.segments") && mentions.containsKey("gold_history.customer_features"), mentions.toString());
    assertTrue(mentions.keySet().stream().anyMatch(v -> v.startsWith("bronze.")), mentions.toString());
    assertTrue(mentions.keySet().stream().anyMatch(v -> v.startsWith("silver.")), mentions.toString());
    assertTrue(mentions.keySet().stream().anyMatch(v -> v.startsWith("quarantine.")), mentions.toString());
    for (Map.Entry<String, Long> m : mentions.entrySet()) {
      JsonNode rows = answer.path("tables").path(m.getKey());
      assertTrue(rows.size() >= m.getValue(), m.getKey() + ": " + m.getValue() + " rows mention Anna, the answer has " + rows.size());
    }
    assertFalse(answer.path("tables").toString().contains("bob@example.com"), "nothing of Bob's");
    assertEquals(2, answer.path("tables").path("silver.orders").size(), "A1 and the guest order A2: " + answer.path("tables"));
    assertEquals(1, answer.path("tables").path("gold.segments").size(), "Anna's segment row, by her key: " + answer.path("tables"));
    assertFalse(answer.path("tables").toString().contains(WorkspaceSecret.load(Workspace.open(home), false).of("K-2002")),
        "nothing under Bob's key");
  }

  @Test
  void aCustomerIdFindsTheSamePersonAndAnUnknownOneFindsNobody() throws Exception {
    JsonNode byId = access("--customer-id", "K-1001");
    assertTrue(byId.path("identities").path("emails").toString().contains("anna.berg@example.com"), byId.toString());
    JsonNode nobody = access("--email", "nobody@example.com");
    assertEquals(0, nobody.path("tables").size(), nobody.toString());

    CrmRun bad = CrmRun.of("gdpr", "access", "--home", home.toString(), "--email", "anna", "--out", home.resolve("x.json").toString());
    assertEquals(ExitCode.BAD_INPUT, bad.exit());
    CrmRun both = CrmRun.of("gdpr", "access", "--home", home.toString(), "--email", "a@b.de", "--customer-id", "K-1",
        "--out", home.resolve("x.json").toString());
    assertEquals(ExitCode.USAGE, both.exit());
  }
}
