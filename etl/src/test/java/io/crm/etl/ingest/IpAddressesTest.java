package io.crm.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IpAddressesTest {
  @Test
  void anIpv4AddressLosesItsLastOctet() {
    assertEquals("46.118.127.0", IpAddresses.shorten("46.118.127.106"));
    assertEquals("10.0.0.0", IpAddresses.shorten(" 10.0.0.255 "));
  }

  @Test
  void anIpv6AddressKeepsOnlyItsFirst48Bits() {
    assertEquals("2001:db8:85a3::", IpAddresses.shorten("2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
    assertEquals("2001:db8:85a3::", IpAddresses.shorten("2001:db8:85a3::8a2e:370:7334"));
    assertEquals("::", IpAddresses.shorten("::1"));
  }

  @Test
  void whatIsNoAddressStaysAsItIs() {
    assertEquals("-", IpAddresses.shorten("-"));
    assertEquals("999.1.1.1", IpAddresses.shorten("999.1.1.1"));
    assertEquals("proxy.example.com", IpAddresses.shorten("proxy.example.com"));
    assertEquals(null, IpAddresses.shorten(null));
  }

  @Test
  void everyAddressInALineIsShortenedAndNothingElse() {
    String line = "83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET /a HTTP/1.1\" 200 203023 \"-\" "
        + "\"Mozilla/5.0 Chrome/32.0.1700.77 Safari/537.36\" \"fe80::1ff:fe23:4567:890a\"";
    assertEquals("83.149.9.0 - - [17/May/2015:10:05:03 +0000] \"GET /a HTTP/1.1\" 200 203023 \"-\" "
        + "\"Mozilla/5.0 Chrome/32.0.1700.77 Safari/537.36\" \"fe80::\"", IpAddresses.shortenAll(line));
  }
}
