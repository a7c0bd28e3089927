package io.crm.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Draws the report's charts with JFreeChart into inline SVG (JFreeSVG): one quiet house style,
 * axis numbers in the report's locale. Each chart remembers how many data points it shows, so a
 * test can tell an empty chart from a drawn one.
 */
public final class ReportCharts {
  static final Color INK = new Color(0x1f, 0x2a, 0x37);
  static final Color MUTED = new Color(0x6b, 0x72, 0x80);
  static final Color GRID = new Color(0xe5, 0xe7, 0xeb);
  static final Color PRIMARY = new Color(0x1d, 0x4e, 0x89);
  static final Color SECONDARY = new Color(0x2a, 0x9d, 0x8f);
  static final Color LIGHT = new Color(0xc7, 0xd2, 0xe0);
  static final Color LOW = new Color(0x8a, 0xb1, 0x7d);
  static final Color MEDIUM = new Color(0xe9, 0xc4, 0x6a);
  static final Color HIGH = new Color(0xd6, 0x5a, 0x48);
  private static final String FONT = "SansSerif";

  /** One drawn chart: its SVG element and the number of data points in it. */
  public record Chart(String id, String svg, int points, int width, int height) {}

  private final ReportText text;

  public ReportCharts(ReportText text) {
    this.text = text;
  }

  /** Every chart the model has data for, by name; a chart without data is left out. */
  public Map<String, Chart> all(ReportModel m) {
    Map<String, Chart> out = new LinkedHashMap<>();
    if (m.clv() != null) {
      put(out, clvDistribution(m.clv()));
      put(out, clvBySegment(m.clv()));
    }
    put(out, segmentSizes(m.segments(), m.asOf()));
    put(out, riskBands(m.churn()));
    put(out, modelAuc(m.churn()));
    put(out, drivers(m.churn()));
    put(out, satisfactionTrend(m.satisfaction()));
    return out;
  }

  private static void put(Map<String, Chart> out, Chart c) {
    if (c != null && c.points() > 0) {
      out.put(c.id(), c);
    }
  }

  Chart clvDistribution(ReportModel.Clv clv) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ReportModel.ClvBand b : clv.distribution()) {
      String label = b.upper() == null ? "≥ " + plain(b.lower()) : plain(b.lower()) + "–" + plain(b.upper());
      data.addValue(b.customers(), text.t("chart.customers"), label);
    }
    JFreeChart chart = bars(data, PlotOrientation.VERTICAL, text.t("chart.clvBand", text.currencySymbol()), text.t("chart.customers"),
        NumberFormat.getIntegerInstance(text.locale()), PRIMARY);
    ((CategoryPlot) chart.getPlot()).getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    return draw("clv-distribution", chart, data.getColumnCount(), 340, 250);
  }

  Chart clvBySegment(ReportModel.Clv clv) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ReportModel.ClvGroup g : clv.bySegment()) {
      data.addValue(g.total(), text.t("chart.clvTotal"), text.segment(g.name()));
    }
    JFreeChart chart = bars(data, PlotOrientation.HORIZONTAL, null, text.t("chart.clvTotal") + " (" + text.currencySymbol() + ")",
        NumberFormat.getIntegerInstance(text.locale()), SECONDARY);
    return draw("clv-by-segment", chart, data.getColumnCount(), 340, 250);
  }

  Chart segmentSizes(ReportModel.Segments s, java.time.LocalDate asOf) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    boolean previous = s.sizes().stream().anyMatch(z -> z.previous() != null);
    String before = text.date(s.sizesComparedWith());
    String now = text.date(asOf);
    for (ReportModel.SegmentSize z : s.sizes()) {
      if (previous) {
        data.addValue(z.previous(), before, text.segment(z.segment()));
      }
      data.addValue(z.customers(), now, text.segment(z.segment()));
    }
    JFreeChart chart = bars(data, PlotOrientation.HORIZONTAL, null, text.t("chart.customers"),
        NumberFormat.getIntegerInstance(text.locale()), previous ? LIGHT : PRIMARY, PRIMARY);
    if (previous) {
      chart.addLegend(legend(chart));
    }
    return draw("segment-sizes", chart, s.sizes().size(), 700, 270);
  }

  Chart riskBands(ReportModel.Churn churn) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ReportModel.RiskBands b : churn.bands()) {
      double n = Math.max(1, b.low() + b.medium() + b.high());
      String d = text.shortDate(b.asOf());
      data.addValue(b.low() / n, text.t("band.low"), d);
      data.addValue(b.medium() / n, text.t("band.medium"), d);
      data.addValue(b.high() / n, text.t("band.high"), d);
    }
    JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.PLAIN, 11),
        new CategoryPlot(data, new CategoryAxis(), new NumberAxis(text.t("chart.shareOfScored")), new StackedBarRenderer()), false);
    style(chart);
    CategoryPlot plot = (CategoryPlot) chart.getPlot();
    NumberAxis y = (NumberAxis) plot.getRangeAxis();
    y.setNumberFormatOverride(NumberFormat.getPercentInstance(text.locale()));
    y.setRange(0, 1);
    StackedBarRenderer r = (StackedBarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setMaximumBarWidth(0.12);
    r.setSeriesPaint(0, LOW);
    r.setSeriesPaint(1, MEDIUM);
    r.setSeriesPaint(2, HIGH);
    chart.addLegend(legend(chart));
    return draw("risk-bands", chart, churn.bands().size(), 340, 240);
  }

  Chart modelAuc(ReportModel.Churn churn) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ReportModel.ModelQuality q : churn.auc()) {
      String d = text.shortDate(q.asOf());
      data.addValue(q.rocAuc(), text.t("chart.model"), d);
      data.addValue(q.baselineRocAuc(), text.t("chart.baseline"), d);
    }
    NumberAxis y = new NumberAxis(text.t("chart.rocAuc"));
    LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
    JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.PLAIN, 11), new CategoryPlot(data, new CategoryAxis(), y, r), false);
    style(chart);
    y.setRange(0.5, 1.0);
    y.setNumberFormatOverride(decimals(2));
    r.setSeriesPaint(0, PRIMARY);
    r.setSeriesPaint(1, MUTED);
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {4f, 4f}, 0f));
    r.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
    r.setSeriesShape(1, new Ellipse2D.Double(-3, -3, 6, 6));
    r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", decimals(3)));
    r.setSeriesItemLabelsVisible(0, true);
    r.setDefaultItemLabelFont(new Font(FONT, Font.PLAIN, 10));
    r.setDefaultItemLabelPaint(INK);
    chart.addLegend(legend(chart));
    return draw("model-auc", chart, churn.auc().size(), 340, 240);
  }

  Chart drivers(ReportModel.Churn churn) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ReportModel.Driver d : churn.drivers()) {
      data.addValue(d.share(), text.t("chart.importance"), text.feature(d.feature()));
    }
    JFreeChart chart = bars(data, PlotOrientation.HORIZONTAL, null, text.t("chart.importance"),
        NumberFormat.getPercentInstance(text.locale()), PRIMARY);
    return draw("churn-drivers", chart, data.getColumnCount(), 700, 230);
  }

  Chart satisfactionTrend(ReportModel.Satisfaction s) {
    DefaultCategoryDataset scores = new DefaultCategoryDataset();
    DefaultCategoryDataset counts = new DefaultCategoryDataset();
    for (ReportModel.Scores m : s.byMonth()) {
      String label = text.month(java.time.YearMonth.parse(m.group()));
      scores.addValue(m.csi(), "CSI", label);
      scores.addValue(m.nps(), "NPS", label);
      counts.addValue(m.responses(), text.t("chart.responses"), label);
    }
    CategoryPlot plot = new CategoryPlot();
    plot.setDomainAxis(new CategoryAxis());
    NumberAxis left = new NumberAxis(text.t("chart.score"));
    left.setRange(-100, 100);
    NumberAxis right = new NumberAxis(text.t("chart.responses"));
    right.setNumberFormatOverride(NumberFormat.getIntegerInstance(text.locale()));
    right.setUpperMargin(1.2);
    LineAndShapeRenderer lines = new LineAndShapeRenderer(true, true);
    lines.setSeriesPaint(0, PRIMARY);
    lines.setSeriesPaint(1, SECONDARY);
    lines.setSeriesStroke(0, new BasicStroke(2f));
    lines.setSeriesStroke(1, new BasicStroke(2f));
    lines.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
    lines.setSeriesShape(1, new Rectangle(-3, -3, 6, 6));
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, GRID);
    bars.setMaximumBarWidth(0.05);
    plot.setDataset(0, scores);
    plot.setRenderer(0, lines);
    plot.setRangeAxis(0, left);
    plot.setDataset(1, counts);
    plot.setRenderer(1, bars);
    plot.setRangeAxis(1, right);
    plot.mapDatasetToRangeAxis(1, 1);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.PLAIN, 11), plot, false);
    style(chart);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    chart.addLegend(legend(chart));
    return draw("satisfaction-trend", chart, s.byMonth().size(), 700, 250);
  }

  private JFreeChart bars(DefaultCategoryDataset data, PlotOrientation orientation, String xLabel, String yLabel,
      NumberFormat format, Paint... seriesPaint) {
    NumberAxis y = new NumberAxis(yLabel);
    y.setNumberFormatOverride(format);
    BarRenderer r = new BarRenderer();
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(xLabel), y, r);
    plot.setOrientation(orientation);
    JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.PLAIN, 11), plot, false);
    style(chart);
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setItemMargin(0.02);
    r.setMaximumBarWidth(0.09);
    for (int i = 0; i < seriesPaint.length; i++) {
      r.setSeriesPaint(i, seriesPaint[i]);
    }
    return chart;
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setBorderVisible(false);
    chart.setPadding(new RectangleInsets(4, 2, 2, 8));
    CategoryPlot plot = (CategoryPlot) chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setRangeGridlinePaint(GRID);
    plot.setRangeGridlineStroke(new BasicStroke(0.8f));
    plot.setDomainGridlinesVisible(false);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    Font tick = new Font(FONT, Font.PLAIN, 10);
    Font label = new Font(FONT, Font.PLAIN, 10);
    for (int i = 0; i < plot.getRangeAxisCount(); i++) {
      if (plot.getRangeAxis(i) != null) {
        plot.getRangeAxis(i).setTickLabelFont(tick);
        plot.getRangeAxis(i).setLabelFont(label);
        plot.getRangeAxis(i).setTickLabelPaint(MUTED);
        plot.getRangeAxis(i).setLabelPaint(MUTED);
        plot.getRangeAxis(i).setAxisLineVisible(false);
        plot.getRangeAxis(i).setTickMarksVisible(false);
      }
    }
    CategoryAxis x = plot.getDomainAxis();
    x.setTickLabelFont(tick);
    x.setLabelFont(label);
    x.setTickLabelPaint(INK);
    x.setLabelPaint(MUTED);
    x.setAxisLinePaint(GRID);
    x.setTickMarksVisible(false);
    x.setMaximumCategoryLabelWidthRatio(0.45f);
    x.setCategoryMargin(0.25);
  }

  private static LegendTitle legend(JFreeChart chart) {
    LegendTitle legend = new LegendTitle(chart.getPlot());
    legend.setPosition(RectangleEdge.TOP);
    legend.setFrame(BlockBorder.NONE);
    legend.setItemFont(new Font(FONT, Font.PLAIN, 10));
    legend.setItemPaint(INK);
    legend.setBackgroundPaint(Color.WHITE);
    return legend;
  }

  private NumberFormat decimals(int digits) {
    NumberFormat f = NumberFormat.getNumberInstance(text.locale());
    f.setMinimumFractionDigits(digits);
    f.setMaximumFractionDigits(digits);
    return f;
  }

  private String plain(double v) {
    return NumberFormat.getIntegerInstance(text.locale()).format(v);
  }

  private static Chart draw(String id, JFreeChart chart, int points, int width, int height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix(id + "-");
    chart.draw(g, new Rectangle(0, 0, width, height));
    String svg = g.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
    // the PDF renderer reads only whole numbers as the size of an inline SVG
    svg = svg.replaceFirst("width='[0-9.]+' height='[0-9.]+'", "width='" + width + "' height='" + height + "'");
    return new Chart(id, svg, points, width, height);
  }
}
