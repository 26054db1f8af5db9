package io.mcphub.categorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SecretsTest {

  @Test
  void secretsEchoedByUpstreamsAndProvidersAreMaskedAndOrdinaryTextKept() {
    String echoed = "request failed: Authorization: Bearer eyJhbGciOi.payload.sig x-goog-api-key: AIzaSyA0123456789abcdefghijklmnopqrstu "
        + "GET https://api.example.org/v1?key=abc123def&q=cats {\"api_key\": \"sk-live-0123456789abcdefXYZ\"} token=ghp_"
        + "abcdefghijklmnopqrstuvwxyz0123456789 password=hunter22";
    String cleaned = Secrets.redact(echoed);
    assertThat(cleaned).doesNotContain("eyJhbGciOi", "AIzaSy", "abc123def", "sk-live", "ghp_", "hunter22")
        .contains("request failed", "https://api.example.org/v1?key=[REDACTED]&q=cats", "Bearer [REDACTED]");
    assertThat(Secrets.redact("listening on port 3000; read /tmp/notes.txt")).isEqualTo("listening on port 3000; read /tmp/notes.txt");
    assertThat(Secrets.redact("my token is s3cr3t-value!", List.of("s3cr3t-value"))).isEqualTo("my token is [REDACTED]!");
    assertThat(Secrets.redact(null)).isNull();
  }

  @Test
  void hugeForeignTextIsCutAndStillRedactedWithoutStallingTheCaller() {
    // a long run of word characters once made the field rule backtrack for minutes (an upstream echoing a 64 KB input)
    String echoed = "a".repeat(1_000_000) + " api_key=hunter22-secret";
    String cleaned = Secrets.redact(echoed);
    assertThat(cleaned).hasSizeLessThan(Secrets.MAX_CHARS + 64).endsWith("characters cut)").doesNotContain("hunter22");
    String wordy = "x".repeat(Secrets.MAX_CHARS - 40) + " token=abcdef123";
    assertThat(Secrets.redact(wordy)).endsWith("token=" + Secrets.MASK);
  }
}
