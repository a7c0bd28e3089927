package io.crm.jobs.report;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the FreeMarker template {@code report/report.ftlh} with a {@link ReportModel}, its charts
 * and the footnotes, in one language. The result is self-contained XHTML: styles and SVG charts
 * inline, nothing fetched, readable both by a browser and by the PDF renderer.
 */
public final class ReportHtml {
  private static final Configuration FREEMARKER = configuration();

  private final ReportText text;

  public ReportHtml(ReportText text) {
    this.text = text;
  }

  /** The page for {@code model} with {@code charts} (from {@link ReportCharts#all}). */
  public String render(ReportModel model, Map<String, ReportCharts.Chart> charts) {
    Map<String, Object> data = new HashMap<>();
    data.put("m", model);
    data.put("f", text);
    data.put("charts", charts);
    Map<String, ReportModel.KeyFigure> byName = new LinkedHashMap<>();
    model.keyFigures().forEach(k -> byName.put(k.figure().name(), k));
    data.put("kf", byName);
    List<String> footnotes = new ArrayList<>();
    Map<String, Integer> numbers = new HashMap<>();
    for (ReportModel.KeyFigure k : model.keyFigures()) {
      footnotes.add(footnote(k.figure(), model.definitions()));
      numbers.put(k.figure().name(), footnotes.size());
    }
    footnotes.add(text.t("note.comparison", model.definitions().periodDays()));
    footnotes.add(text.t("note.clvDistribution"));
    footnotes.add(text.t("note.segments"));
    footnotes.add(text.t("note.churnModel"));
    footnotes.add(text.t("note.holdout"));
    footnotes.add(text.t("note.quarantine"));
    data.put("notes", numbers);
    data.put("footnotes", footnotes);
    try {
      Template template = FREEMARKER.getTemplate("report.ftlh", text.locale());
      StringWriter out = new StringWriter();
      template.process(data, out);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the report template: " + e.getMessage(), e);
    } catch (TemplateException e) {
      throw new IllegalStateException("the report template failed: " + e.getMessage(), e);
    }
  }

  private String footnote(ReportModel.Figure f, ReportModel.Definitions d) {
    return switch (f) {
      case CUSTOMERS -> text.t("note.CUSTOMERS");
      case ACTIVE_CUSTOMERS -> text.t("note.ACTIVE_CUSTOMERS", d.activeDays());
      case NEW_CUSTOMERS -> text.t("note.NEW_CUSTOMERS", d.periodDays());
      case LOST_CUSTOMERS -> text.t("note.LOST_CUSTOMERS", d.periodDays(), d.activeDays());
      case REVENUE -> text.t("note.REVENUE", d.periodDays());
      case CLV_TOTAL -> text.t("note.CLV_TOTAL", modelName(d.clvModel()),
          text.decimal(d.horizonAmount(), 0), text.t("unit." + d.horizonUnit()), text.percent(d.discountRate()),
          text.t("unit." + d.discountPer()), text.percent(d.margin()));
      case CLV_AVERAGE -> text.t("note.CLV_AVERAGE");
      case HIGH_CHURN_RISK_SHARE -> text.t("note.HIGH_CHURN_RISK_SHARE", text.decimal(d.riskHigh(), 2), text.decimal(d.riskMedium(), 2), d.churnHorizonDays());
      case CSI -> text.t("note.CSI", d.satisfactionWindowDays());
      case NPS -> text.t("note.NPS", d.satisfactionWindowDays());
    };
  }

  private static String modelName(String id) {
    return switch (id) {
      case "bgnbd" -> "BG/NBD";
      case "pareto-nbd" -> "Pareto/NBD";
      case "nbd" -> "NBD";
      default -> id;
    };
  }

  private static Configuration configuration() {
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    c.setClassLoaderForTemplateLoading(ReportHtml.class.getClassLoader(), "report");
    c.setDefaultEncoding("UTF-8");
    c.setOutputEncoding("UTF-8");
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    return c;
  }
}
