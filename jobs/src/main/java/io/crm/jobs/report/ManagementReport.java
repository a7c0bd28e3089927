package io.crm.jobs.report;

import io.crm.jobs.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The management report of one as_of date: figures from {@code crm.duckdb}, then per language
 * {@code reports/<as_of>/report-<lang>.html} and {@code .pdf}. The one entry point for the
 * `report` command and the nightly run.
 */
public final class ManagementReport {
  /** The languages the report is written in. */
  public static final List<String> LANGUAGES = List.of("de", "en");

  private ManagementReport() {}

  /** What was written: the figures and the files per language. */
  public record Result(ReportModel model, List<Output> outputs) {
    public List<Path> paths() {
      List<Path> out = new ArrayList<>();
      outputs.forEach(o -> {
        out.add(o.html());
        out.add(o.pdf());
      });
      return out;
    }
  }

  public record Output(String language, Path html, Path pdf, Map<String, ReportCharts.Chart> charts) {}

  /**
   * Writes the report as of {@code asOf} in each of {@code languages} (de, en), compared with
   * {@code compare} or, when null, with the previous segments snapshot.
   */
  public static Result write(Workspace ws, LocalDate asOf, LocalDate compare, List<String> languages) {
    ReportModel model = new ReportFigures(ws).build(asOf, compare);
    Path dir = ws.reports().resolve(asOf.toString());
    List<Output> outputs = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (String lang : languages) {
        ReportText text = new ReportText(locale(lang), model.currency());
        Map<String, ReportCharts.Chart> charts = new ReportCharts(text).all(model);
        String html = new ReportHtml(text).render(model, charts);
        Path htmlFile = dir.resolve("report-" + lang + ".html");
        Path tmp = dir.resolve("report-" + lang + ".html.tmp");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Files.move(tmp, htmlFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path pdf = dir.resolve("report-" + lang + ".pdf");
        ReportPdf.write(html, pdf);
        outputs.add(new Output(lang, htmlFile, pdf, charts));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
    }
    return new Result(model, outputs);
  }

  /** The locale of a report language; only the languages with a text bundle are accepted. */
  public static Locale locale(String lang) {
    return switch (lang) {
      case "de" -> Locale.GERMANY;
      case "en" -> Locale.UK;
      default -> throw new IllegalArgumentException("report language must be one of " + LANGUAGES + ", got '" + lang + "'");
    };
  }
}
