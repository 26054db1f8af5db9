package io.mcphub.gateway.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code host[:port]} of a {@code Host} header or an {@code Origin}, parsed exactly: a DNS name of letters,
 * digits, hyphens and underscores (no empty label, no trailing dot), an IPv4 dotted quad, or an IPv6 literal in
 * brackets; a port of 1 to 65535 without leading zeros. Nothing else parses (userinfo, paths, zone ids, bare
 * IPv6). No DNS lookups: loopback means {@code localhost}, a 127.0.0.0/8 dotted quad or {@code [::1]}, written as
 * such.
 *
 * @param host lower case; IPv6 in brackets
 * @param port the port, or -1 when none is given
 */
record Authority(String host, int port) {

  static final int NO_PORT = -1;

  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]*:[0-9a-f:.]*]");
  private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
  private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");

  /** The authority {@code text} spells exactly, or null. */
  static Authority parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    int hostEnd = lower.startsWith("[") ? lower.indexOf(']') + 1 : lower.indexOf(':') < 0 ? lower.length() : lower.indexOf(':');
    if (hostEnd <= 0) {
      return null;
    }
    String host = lower.substring(0, hostEnd);
    String rest = lower.substring(hostEnd);
    if (!(IPV6.matcher(host).matches() || NAME.matcher(host).matches()) || !(rest.isEmpty() || rest.startsWith(":"))) {
      return null;
    }
    if (rest.isEmpty()) {
      return new Authority(host, NO_PORT);
    }
    String port = rest.substring(1);
    if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65_535) {
      return null;
    }
    return new Authority(host, Integer.parseInt(port));
  }

  /** Whether a configured listen address ({@code hub.host}: a name, an IPv4 or a bare or bracketed IPv6) is loopback. */
  static boolean isLoopbackHost(String bindHost) {
    String host = bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
    Authority authority = parse(host);
    return authority != null && authority.port() == NO_PORT && authority.isLoopback();
  }

  boolean isLoopback() {
    return "localhost".equals(host) || isLoopbackIpv4() || isLoopbackIpv6();
  }

  private boolean isLoopbackIpv4() {
    String[] octets = host.split("\\.", -1);
    if (octets.length != 4 || !"127".equals(octets[0])) {
      return false;
    }
    for (String octet : octets) {
      if (!OCTET.matcher(octet).matches() || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** {@code [::1]} in any of its spellings; an IPv4-mapped address is not IPv6 loopback. */
  private boolean isLoopbackIpv6() {
    if (!IPV6.matcher(host).matches()) {
      return false;
    }
    try {
      // a bracketed literal is parsed, never looked up
      InetAddress address = InetAddress.getByName(host);
      return address instanceof Inet6Address && address.isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
