package io.crm.etl.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shortens IP addresses the way data protection authorities accept for web analytics: the last
 * octet of an IPv4 address and the last 80 bits of an IPv6 address are set to zero, so an
 * address names a network, not a device.
 */
final class IpAddresses {
  private static final Pattern IPV4 = Pattern.compile("(?<![0-9.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![0-9]|\\.\\d)");
  /** Candidates only: a run of hex digits and colons with at least two colons, checked by parsing. */
  private static final Pattern IPV6 = Pattern.compile("(?<![0-9A-Za-z:])[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Za-z:])");

  private IpAddresses() {}

  /** The shortened address; a value that is not an IP address literal is returned as it is. */
  static String shorten(String ip) {
    if (ip == null) {
      return null;
    }
    String t = ip.trim();
    Matcher m4 = IPV4.matcher(t);
    if (m4.matches()) {
      return validOctets(m4) ? m4.group(1) + "." + m4.group(2) + "." + m4.group(3) + ".0" : ip;
    }
    if (t.indexOf(':') >= 0) {
      byte[] b = parseV6(t);
      if (b != null) {
        for (int i = 6; i < 16; i++) {
          b[i] = 0;
        }
        return format(b);
      }
    }
    return ip;
  }

  /** {@code text} with every IPv4 and IPv6 literal in it shortened (for quarantined lines). */
  static String shortenAll(String text) {
    if (text == null) {
      return null;
    }
    String v4 = IPV4.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
        validOctets(m) ? m.group(1) + "." + m.group(2) + "." + m.group(3) + ".0" : m.group()));
    return IPV6.matcher(v4).replaceAll(m -> Matcher.quoteReplacement(
        parseV6(m.group()) == null ? m.group() : shorten(m.group())));
  }

  private static boolean validOctets(MatchResult m) {
    for (int g = 1; g <= 4; g++) {
      if (Integer.parseInt(m.group(g)) > 255) {
        return false;
      }
    }
    return true;
  }

  /** The 16 bytes of an IPv6 literal, or null; never a name lookup (only colon-hex text gets here). */
  private static byte[] parseV6(String s) {
    if (!s.matches("[0-9A-Fa-f:]+") || s.chars().filter(c -> c == ':').count() < 2) {
      return null;
    }
    try {
      byte[] b = InetAddress.getByName(s).getAddress();
      return b.length == 16 ? b : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static String format(byte[] b) {
    try {
      String full = InetAddress.getByAddress(b).getHostAddress();
      // the JDK writes every group; compress the longest run of zero groups as "::"
      String[] groups = full.split(":");
      int bestStart = -1;
      int bestLen = 0;
      for (int i = 0; i < groups.length; ) {
        if (groups[i].equals("0")) {
          int j = i;
          while (j < groups.length && groups[j].equals("0")) {
            j++;
          }
          if (j - i > bestLen) {
            bestStart = i;
            bestLen = j - i;
          }
          i = j;
        } else {
          i++;
        }
      }
      if (bestLen < 2) {
        return full;
      }
      String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
      String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
      return head + "::" + tail;
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are an IPv6 address", e);
    }
  }
}
