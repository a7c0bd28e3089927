package io.crm.jobs.report;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words and number formats of one report language: texts from {@code report/report_<lang>}
 * bundles, numbers, money, shares and dates through the locale's own formats (so German gets
 * {@code 1.234,56 €}). The template and the charts call it, never format by hand.
 */
public final class ReportText {
  private final Locale locale;
  private final ResourceBundle bundle;
  private final Currency currency;

  public ReportText(Locale locale, String currencyCode) {
    this.locale = locale;
    this.bundle = ResourceBundle.getBundle("report/report", locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    Currency c;
    try {
      c = Currency.getInstance(currencyCode);
    } catch (IllegalArgumentException e) {
      c = Currency.getInstance("EUR");
    }
    this.currency = c;
  }

  public Locale locale() {
    return locale;
  }

  public String lang() {
    return locale.getLanguage();
  }

  /** The text of {@code key}, with {0}, {1}, ... filled in. */
  public String t(String key, Object... args) {
    String pattern = bundle.getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }

  /** The text of {@code key} if the bundle has one, else {@code fallback}. */
  public String tOr(String key, String fallback) {
    try {
      return bundle.getString(key);
    } catch (MissingResourceException e) {
      return fallback;
    }
  }

  /** An RFM segment's name in this language (segments are stored under their English names). */
  public String segment(String name) {
    return tOr("segment." + name.replace(' ', '_').replace("'", ""), name);
  }

  /** A segment's name short enough for a column of the migration matrix. */
  public String segmentShort(String name) {
    return tOr("segmentShort." + name.replace(' ', '_').replace("'", ""), segment(name));
  }

  /** A churn feature's name in words; unknown features are shown as their column name. */
  public String feature(String name) {
    return tOr("feature." + name, name.replace('_', ' '));
  }

  public String touchpoint(String name) {
    return tOr("touchpoint." + name, name);
  }

  public String source(String name) {
    return tOr("source." + name, name);
  }

  public String count(Number n) {
    return n == null ? "–" : NumberFormat.getIntegerInstance(locale).format(Math.round(n.doubleValue()));
  }

  /** Money without cents for totals of at least 1,000, with cents below. */
  public String money(Number n) {
    if (n == null) {
      return "–";
    }
    NumberFormat f = NumberFormat.getCurrencyInstance(locale);
    f.setCurrency(currency);
    int digits = Math.abs(n.doubleValue()) >= 1000 ? 0 : 2;
    f.setMinimumFractionDigits(digits);
    f.setMaximumFractionDigits(digits);
    return f.format(n.doubleValue());
  }

  /** Money with cents always, as in {@code 1.234,56 €}. */
  public String moneyExact(Number n) {
    if (n == null) {
      return "–";
    }
    NumberFormat f = NumberFormat.getCurrencyInstance(locale);
    f.setCurrency(currency);
    f.setMinimumFractionDigits(2);
    f.setMaximumFractionDigits(2);
    return f.format(n.doubleValue());
  }

  public String currencySymbol() {
    return currency.getSymbol(locale);
  }

  /** A share 0..1 as a percentage with one decimal. */
  public String percent(Number share) {
    if (share == null) {
      return "–";
    }
    NumberFormat f = NumberFormat.getPercentInstance(locale);
    f.setMinimumFractionDigits(1);
    f.setMaximumFractionDigits(1);
    return f.format(share.doubleValue());
  }

  /** A score such as CSI or NPS, one decimal. */
  public String score(Number n) {
    return decimal(n, 1);
  }

  public String decimal(Number n, int digits) {
    if (n == null) {
      return "–";
    }
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMinimumFractionDigits(digits);
    f.setMaximumFractionDigits(digits);
    return f.format(n.doubleValue());
  }

  /** A signed change: {@code +1.234}, {@code -2,5 Pp.} and so on, by the figure's kind. */
  public String change(ReportModel.KeyFigure k) {
    Double d = k.change();
    if (d == null) {
      return "";
    }
    String sign = d > 0 ? "+" : d < 0 ? "-" : "±";
    double a = Math.abs(d);
    String body = switch (k.figure().kind) {
      case COUNT -> count(a);
      case MONEY -> money(a);
      case SHARE -> decimal(a * 100, 1) + " " + t("unit.points");
      case SCORE -> decimal(a, 1) + " " + t("unit.points");
    };
    Double rel = k.relativeChange();
    return sign + body + (rel == null ? "" : " (" + (rel > 0 ? "+" : rel < 0 ? "-" : "±") + percent(Math.abs(rel)) + ")");
  }

  /** good, bad or flat: how the change of a figure reads for the business. */
  public String tone(ReportModel.KeyFigure k) {
    Double d = k.change();
    if (d == null || Math.abs(d) < 1e-9) {
      return "flat";
    }
    return (d > 0) == k.figure().higherIsBetter ? "good" : "bad";
  }

  /** A key figure's value in its kind's format. */
  public String value(ReportModel.KeyFigure k) {
    return switch (k.figure().kind) {
      case COUNT -> count(k.value());
      case MONEY -> money(k.value());
      case SHARE -> percent(k.value());
      case SCORE -> score(k.value());
    };
  }

  /** A key figure's value at the comparison date. */
  public String previous(ReportModel.KeyFigure k) {
    return value(new ReportModel.KeyFigure(k.figure(), k.previous(), null));
  }

  /**
   * The inline style of a migration matrix cell: blue, darker with more customers; customers who
   * stayed in their segment in grey, so the moves stand out.
   */
  public String heat(long n, long max, boolean diagonal) {
    if (n == 0 || max == 0) {
      return "background-color: #ffffff;";
    }
    double share = Math.sqrt((double) n / max);
    int[] from = diagonal ? new int[] {0xf3, 0xf4, 0xf6} : new int[] {0xe8, 0xef, 0xf8};
    int[] to = diagonal ? new int[] {0x9c, 0xa3, 0xaf} : new int[] {0x1d, 0x4e, 0x89};
    int r = (int) Math.round(from[0] + (to[0] - from[0]) * share);
    int g = (int) Math.round(from[1] + (to[1] - from[1]) * share);
    int b = (int) Math.round(from[2] + (to[2] - from[2]) * share);
    String ink = share > 0.55 ? "#ffffff" : "#1f2a37";
    return String.format("background-color: #%02x%02x%02x; color: %s;", r, g, b, ink);
  }

  public String date(LocalDate d) {
    return d == null ? "–" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(d);
  }

  public String shortDate(LocalDate d) {
    return d == null ? "–" : DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale).format(d);
  }

  public String month(YearMonth m) {
    return DateTimeFormatter.ofPattern("MMM yy", locale).format(m);
  }
}
