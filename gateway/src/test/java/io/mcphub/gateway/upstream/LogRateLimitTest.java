package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LogRateLimitTest {

  @Test
  void aBurstThenTheRateAndTheSuppressedCountIsReportedOnceWhenLoggingResumes() {
    AtomicLong now = new AtomicLong();
    LogRateLimit limit = new LogRateLimit(3, 2, now::get);
    assertThat(limit.admit()).isZero();
    assertThat(limit.admit()).isZero();
    assertThat(limit.admit()).isZero();
    for (int i = 0; i < 1_000; i++) {
      assertThat(limit.admit()).isEqualTo(-1);
    }
    assertThat(limit.suppressed()).isEqualTo(1_000);
    now.addAndGet(500_000_000L);
    assertThat(limit.admit()).isEqualTo(1_000);
    assertThat(limit.admit()).isEqualTo(-1);
    now.addAndGet(60_000_000_000L);
    assertThat(limit.admit()).isEqualTo(1);
    assertThat(limit.admit()).isZero();
    assertThat(limit.admit()).isZero();
    assertThat(limit.admit()).isEqualTo(-1);
  }
}
