package io.crm.jobs.report;

import io.crm.jobs.cli.UserException;
import io.crm.jobs.workspace.CrmConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code report:} section of crm.yaml: whether the nightly run writes the management report,
 * and in which languages.
 *
 * <pre>
 * report:
 *   enabled: true          # nightly writes reports/&lt;as_of&gt;/ (default true)
 *   languages: [de, en]    # default both
 * </pre>
 */
public record ReportSettings(boolean enabled, List<String> languages) {
  /** Without a `report:` section: enabled, in German and English. */
  public static final ReportSettings DEFAULT = new ReportSettings(true, ManagementReport.LANGUAGES);

  public static ReportSettings from(CrmConfig config) {
    Map<String, Object> section = config.section("report");
    Object enabled = section.getOrDefault("enabled", Boolean.TRUE);
    if (!(enabled instanceof Boolean b)) {
      throw new UserException(config.file() + ": report.enabled must be true or false, got '" + enabled + "'");
    }
    Object langs = section.get("languages");
    List<String> languages = new ArrayList<>();
    if (langs == null) {
      languages.addAll(ManagementReport.LANGUAGES);
    } else if (langs instanceof List<?> list && !list.isEmpty()) {
      for (Object o : list) {
        String lang = String.valueOf(o).trim().toLowerCase();
        if (!ManagementReport.LANGUAGES.contains(lang)) {
          throw new UserException(config.file() + ": report.languages may hold " + ManagementReport.LANGUAGES + ", got '" + o + "'");
        }
        if (!languages.contains(lang)) {
          languages.add(lang);
        }
      }
    } else {
      throw new UserException(config.file() + ": report.languages must be a list such as [de, en], got '" + langs + "'");
    }
    return new ReportSettings(b, List.copyOf(languages));
  }
}
