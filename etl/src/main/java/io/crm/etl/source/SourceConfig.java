package io.crm.etl.source;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of crm.yaml's `sources:` section, validated (see {@link SourceConfigParser}).
 *
 * @param name the source name (the key under `sources:`; also the bronze table name)
 * @param path glob relative to the workspace, or an absolute path / URI
 * @param columns canonical field to the file's column name (header), its 1-based position (as
 *     text, when the dialect has no header) or, for JSON lines, the property name
 * @param defaults value for a canonical field the file lacks or leaves blank
 * @param status raw status value (lower case) to completed | cancelled | returned (transactions)
 * @param trailingFields names of extra quoted fields after the user agent (access logs)
 * @param botAgents lower-case user-agent substrings that mark a bot (web traffic)
 * @param derive canonical field to the rules that derive it from raw columns, in order (CSV sources)
 * @param requireCustomer whether a transaction needs a customer_id or e-mail (otherwise a row
 *     with neither is an anonymous sale)
 * @param remoteUserIsCustomerId whether an access log's remote user (HTTP authentication) is the
 *     customer id; by default it names a login of the web server, not a customer
 * @param cookiePrefix text to strip from the front of an access log's cookie_id (e.g. uid=), or null
 * @param fullIpAddresses keep IP addresses as they are; by default (false) they are shortened
 *     at ingest (IPv4: last octet, IPv6: last 80 bits set to zero), in bronze and quarantine
 */
public record SourceConfig(
    String name,
    SourceKind kind,
    SourceFormat format,
    String path,
    Dialect dialect,
    Map<String, String> columns,
    Map<String, String> defaults,
    Map<String, String> status,
    LogFormat logFormat,
    List<String> trailingFields,
    List<String> botAgents,
    Map<String, List<DeriveRule>> derive,
    boolean requireCustomer,
    boolean remoteUserIsCustomerId,
    String cookiePrefix,
    boolean fullIpAddresses)
    implements Serializable {

  public static final List<String> DEFAULT_BOT_AGENTS =
      List.of(
          "bot", "crawl", "spider", "slurp", "googlebot", "bingpreview", "mediapartners-google",
          "facebookexternalhit", "yandex", "baidu", "ahrefs", "semrush", "python-requests",
          "python-urllib", "curl/", "wget/", "libwww", "scrapy", "go-http-client", "java/",
          "headlesschrome", "phantomjs", "feedfetcher", "feedparser");

  /** This source reading other files for one run (`crm ingest --path`). */
  public SourceConfig withPath(String newPath) {
    return new SourceConfig(
        name, kind, format, newPath, dialect, columns, defaults, status, logFormat, trailingFields,
        botAgents, derive, requireCustomer, remoteUserIsCustomerId, cookiePrefix, fullIpAddresses);
  }

  /** The raw columns the derive rules read, each once, in the order the rules name them. */
  public List<String> ruleColumns() {
    List<String> out = new ArrayList<>();
    for (List<DeriveRule> rules : derive.values()) {
      for (DeriveRule r : rules) {
        for (String c : r.rawColumns()) {
          if (!out.contains(c)) {
            out.add(c);
          }
        }
      }
    }
    return out;
  }

  /** Whether any derive rule is a Spark SQL expression (evaluated after parsing, in Spark). */
  public boolean hasSqlRules() {
    return derive.values().stream().flatMap(List::stream).anyMatch(DeriveRule::isSql);
  }

  /** The canonical fields plus, for access logs, the configured trailing fields (text). */
  public List<CanonicalField> fields() {
    List<CanonicalField> out = new ArrayList<>(kind.fields());
    for (String t : trailingFields) {
      out.add(new CanonicalField(t, FieldType.STRING));
    }
    return out;
  }
}
