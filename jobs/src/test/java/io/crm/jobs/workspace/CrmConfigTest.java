package io.crm.jobs.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crm.jobs.cli.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crm.yaml typos are refused with their YAML path and the nearest valid key. */
class CrmConfigTest {
  @TempDir Path dir;

  private static final String SOURCE = String.join("\n",
      "sources:",
      "  shop:",
      "    kind: transactions",
      "    path: landing/shop/*.csv",
      "    dialect: {delimiter: ';', decimal: ','}",
      "    quality: {max_quarantine_share: 0.1}",
      "");

  private String refused(String yaml) throws IOException {
    Path file = Files.writeString(dir.resolve("crm.yaml"), yaml, StandardCharsets.UTF_8);
    UserException e = assertThrows(UserException.class, () -> CrmConfig.load(file));
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    return e.getMessage().substring(file.toString().length() + 2);
  }

  @Test
  void aValidFileWithEverySectionLoads() throws IOException {
    Path file = Files.writeString(dir.resolve("crm.yaml"), String.join("\n",
        "timezone: Europe/Berlin",
        "currency: EUR",
        SOURCE,
        "segments: {new_days: 60, clusters: {k: auto}}",
        "clv: {model: bgnbd, horizon: {amount: 1, unit: year}}",
        "churn: {risk_bands: {medium: 0.2, high: 0.5}}",
        "campaigns: {win-back: {max_customers: 10}}",
        "exports: {suppression: [optout.txt]}",
        "report: {enabled: false}",
        ""), StandardCharsets.UTF_8);
    CrmConfig config = CrmConfig.load(file);
    assertEquals("shop", config.sources().keySet().iterator().next());
  }

  @Test
  void aTypoAtEveryLevelNamesItsPathAndTheNearestKey() throws IOException {
    assertEquals("timezon: unknown key; did you mean 'timezone'?", refused("timezon: UTC\n"));
    assertEquals("sources.shop.pth: unknown key; did you mean 'path'?",
        refused(SOURCE.replace("    path:", "    pth:")));
    assertEquals("sources.shop.dialect.delimter: unknown key; did you mean 'delimiter'?",
        refused(SOURCE.replace("{delimiter:", "{delimter:")));
    assertEquals("sources.shop.quality.max_quarantine_shares: unknown key; did you mean 'max_quarantine_share'?",
        refused(SOURCE.replace("max_quarantine_share", "max_quarantine_shares")));
    assertEquals("clv.horizn: unknown key; did you mean 'horizon'?", refused("clv: {horizn: {amount: 1, unit: year}}\n"));
    assertEquals("churn.risk_bands.hihg: unknown key; did you mean 'high'?", refused("churn: {risk_bands: {hihg: 0.5}}\n"));
    assertEquals("segments.clusters.kmax: unknown key; did you mean 'k_max'?", refused("segments: {clusters: {kmax: 5}}\n"));
  }

  @Test
  void aKeyNothingLikeAValidOneListsTheValidKeys() throws IOException {
    String message = refused("report: {frobnicate: true}\n");
    assertEquals("report.frobnicate: unknown key (valid here: enabled, languages)", message);
  }

  /** Every key the schema knows is documented in the README's configuration reference. */
  @Test
  void everyKeyIsDocumentedInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("## Configuration reference");
    assertTrue(start >= 0, "README has a section `## Configuration reference`");
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    List<String> missing = new ArrayList<>();
    for (String path : ConfigSchema.keyPaths()) {
      if (!section.contains("`" + path + "`")) {
        missing.add(path);
      }
    }
    assertTrue(missing.isEmpty(), "keys not in the README's configuration reference: " + missing);
  }
}
