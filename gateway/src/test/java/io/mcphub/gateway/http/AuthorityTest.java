package io.mcphub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The exact parsing behind the DNS-rebinding guard: what counts as loopback, what is an origin. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AuthorityTest {

  @Test
  void loopbackHosts() {
    assertThat(List.of("localhost", "LOCALHOST:7000", "127.0.0.1", "127.0.0.1:7000", "127.255.0.9:1", "[::1]",
        "[::1]:65535", "[0:0:0:0:0:0:0:1]:7000", "[0000::0001]"))
        .allSatisfy(host -> assertThat(Authority.parse(host)).isNotNull().matches(Authority::isLoopback));
  }

  @Test
  void wellFormedButNotLoopback() {
    assertThat(List.of("127.0.0.1.evil.com", "localhost.evil.com", "evil.com", "127.1", "0x7f.0.0.1", "0177.0.0.1",
        "2130706433", "127.0.0.01", "127.0.0.256", "128.0.0.1", "[::2]", "[::ffff:127.0.0.1]", "[::127.0.0.1]"))
        .allSatisfy(host -> assertThat(Authority.parse(host)).isNotNull().matches(authority -> !authority.isLoopback()));
  }

  @Test
  void malformedHostsDoNotParse() {
    assertThat(List.of("", "localhost:", "localhost:0", "localhost:65536", "localhost:07000", "localhost:+80",
        "127.0.0.1.", "localhost.", "127.0.0.1:80@evil.com", "user@127.0.0.1", "evil.com#127.0.0.1", "127.0.0.1/x", "::1", "[::1",
        "[::1]x", "[::1%25lo]", "[::1%lo]", "[127.0.0.1]", "local host", "127.0.0.1:80:80", "..", "a..b"))
        .allSatisfy(host -> assertThat(Authority.parse(host)).isNull());
  }

  @Test
  void portsAreKept() {
    assertThat(Authority.parse("[::1]:8080")).isEqualTo(new Authority("[::1]", 8080));
    assertThat(Authority.parse("Example.COM")).isEqualTo(new Authority("example.com", Authority.NO_PORT));
  }

  @Test
  void listenAddresses() {
    assertThat(Authority.isLoopbackHost("127.0.0.1")).isTrue();
    assertThat(Authority.isLoopbackHost("localhost")).isTrue();
    assertThat(Authority.isLoopbackHost("::1")).isTrue();
    assertThat(Authority.isLoopbackHost("[::1]")).isTrue();
    assertThat(Authority.isLoopbackHost("0.0.0.0")).isFalse();
    assertThat(Authority.isLoopbackHost("::")).isFalse();
    assertThat(Authority.isLoopbackHost("192.168.1.5")).isFalse();
  }

  @Test
  void loopbackOrigins() {
    assertThat(List.of("http://localhost", "http://localhost:5173", "https://127.0.0.1:8443", "http://[::1]:7000",
        "HTTP://LocalHost:3000"))
        .allSatisfy(origin -> assertThat(OriginGuard.WebOrigin.parse(origin)).isNotNull().matches(OriginGuard.WebOrigin::isLoopback));
  }

  @Test
  void originsThatAreNotLoopbackPages() {
    assertThat(List.of("http://127.0.0.1.evil.com", "ws://localhost", "ftp://localhost", "chrome-extension://localhost",
        "https://app.example.com"))
        .allSatisfy(origin -> assertThat(OriginGuard.WebOrigin.parse(origin)).isNotNull().matches(parsed -> !parsed.isLoopback()));
  }

  @Test
  void notOrigins() {
    assertThat(List.of("null", "", "localhost", "http://", "file://", "http://localhost/", "http://localhost:5173/app",
        "http://127.0.0.1@evil.com", "http://evil.com#@localhost", "http://localhost?x", "http://localhost.", "//localhost",
        "http:/localhost", "http://localhost:99999"))
        .allSatisfy(origin -> assertThat(OriginGuard.WebOrigin.parse(origin)).isNull());
  }

  @Test
  void originsCompareWithoutTheDefaultPort() {
    assertThat(OriginGuard.WebOrigin.parse("https://App.Example.com:443").canonical()).isEqualTo("https://app.example.com");
    assertThat(OriginGuard.WebOrigin.parse("http://app.example.com:443").canonical()).isEqualTo("http://app.example.com:443");
    assertThat(OriginGuard.WebOrigin.parse("http://dev.example.org:8080").canonical()).isEqualTo("http://dev.example.org:8080");
  }
}
