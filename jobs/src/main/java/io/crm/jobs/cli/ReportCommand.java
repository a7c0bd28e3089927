package io.crm.jobs.cli;

import io.crm.jobs.report.ManagementReport;
import io.crm.jobs.report.ReportSettings;
import io.crm.jobs.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `crm report`: the management report (HTML and PDF, German and English) for one as_of date. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Write the management report (key figures, CLV, segments, churn, satisfaction, data quality) "
        + "to DIR/reports/<as_of>/report-<lang>.html and .pdf.")
public final class ReportCommand implements Callable<Integer> {
  @Mixin HomeOptions home;
  @Mixin AsOfOption asOfOption;
  @Spec CommandSpec spec;

  @Option(names = "--lang", paramLabel = "de|en",
      description = "Language of the report; repeat for several. Default: report.languages of crm.yaml, else de and en.")
  List<String> languages;

  @Option(names = "--compare", paramLabel = "DATE",
      description = "Compare with this date. Default: the previous segments snapshot (else 30 days earlier).")
  String compare;

  @Override
  public Integer call() {
    Workspace ws = home.workspace();
    LocalDate asOf = asOfOption.resolve(ws.config().zone());
    List<String> langs = languages == null || languages.isEmpty()
        ? ReportSettings.from(ws.config()).languages()
        : languages.stream().map(s -> s.trim().toLowerCase()).distinct().toList();
    for (String lang : langs) {
      ManagementReport.locale(lang);
    }
    ManagementReport.Result result = ManagementReport.write(ws, asOf, date(compare), langs);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("management report as of %s (compared with %s):%n", asOf, result.model().compareTo());
    for (Path p : result.paths()) {
      out.printf("  %s%n", p);
    }
    out.flush();
    return ExitCode.OK;
  }

  private static LocalDate date(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UserException("--compare must be a date like 2025-11-30, got '" + text + "'");
    }
  }
}
