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
        botAgents, fullIpAddresses);
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
