package io.mcphub.gateway.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How 2026-07-28 carries a body value in a header ({@code Mcp-Name}, {@code Mcp-Param-*}): as it is when it is plain
 * visible ASCII without surrounding spaces, otherwise as {@code =?base64?…?=} of its UTF-8 (so is a plain value that
 * looks like that form). The hub encodes as a client of its upstreams and decodes as a server of its clients.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#value-encoding">Value encoding</a>
 */
public final class HeaderValues {

  private static final String PREFIX = "=?base64?";
  private static final String SUFFIX = "?=";

  private HeaderValues() {
  }

  /** The header form of {@code value}. */
  public static String encode(String value) {
    boolean plain = !value.isEmpty() && value.equals(value.strip())
        && value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7e)) && !isEncoded(value);
    return plain ? value : PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
  }

  /**
   * The value a header carries, its Base64 form decoded.
   *
   * @throws IllegalArgumentException when the Base64 is malformed or a plain value holds a character no header may
   */
  public static String decode(String header) {
    if (isEncoded(header)) {
      String encoded = header.substring(PREFIX.length(), header.length() - SUFFIX.length());
      if (encoded.length() % 4 != 0) {
        // Java's decoder takes unpadded input; the revision's test cases refuse it
        throw new IllegalArgumentException("Base64 that is not padded to a multiple of 4 characters");
      }
      try {
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("malformed Base64");
      }
    }
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c != '\t' && (c < 0x20 || c > 0x7e)) {
        throw new IllegalArgumentException("a character a header value may not carry");
      }
    }
    return header;
  }

  private static boolean isEncoded(String value) {
    return value.length() >= PREFIX.length() + SUFFIX.length() && value.startsWith(PREFIX) && value.endsWith(SUFFIX);
  }
}
