package io.mcphub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.support.RawMcp;
import io.mcphub.gateway.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code hub.auth.tokens}: the MCP endpoints and the admin API need a bearer token; health stays open. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthTest {

  private static final String TOKEN = "s3cret-token-for-tests";

  @Test
  void endpointsNeedTheTokenAndHealthStaysOpen() {
    JsonObject config = TestHub.config(new JsonObject().put("fx", TestHub.fixture("fx")))
        .put("hub", new JsonObject().put("auth", new JsonObject().put("tokens", new JsonArray().add("${HUB_TOKEN}"))));
    try (TestHub hub = TestHub.start(config, name -> "HUB_TOKEN".equals(name) ? TOKEN : null)) {
      RawMcp raw = new RawMcp(hub.mcpUrl());
      HttpResponse<String> missing = raw.post(RawMcp.initializeBody("2025-11-25"), RawMcp.headers(null));
      assertThat(missing.statusCode()).isEqualTo(401);
      assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"mcp-hub\"");

      Map<String, String> wrong = new HashMap<>(RawMcp.headers(null));
      wrong.put("Authorization", "Bearer not-the-token");
      assertThat(raw.post(RawMcp.initializeBody("2025-11-25"), wrong).statusCode()).isEqualTo(401);

      Map<String, String> right = new HashMap<>(RawMcp.headers(null));
      right.put("Authorization", "Bearer " + TOKEN);
      assertThat(raw.post(RawMcp.initializeBody("2025-11-25"), right).statusCode()).isEqualTo(200);

      assertThat(new RawMcp(hub.baseUrl() + "/sse").request("GET", Map.of("Accept", "text/event-stream")).statusCode()).isEqualTo(401);
      assertThat(new RawMcp(hub.baseUrl() + "/api/tools").request("GET", Map.of()).statusCode()).isEqualTo(401);
      assertThat(new RawMcp(hub.baseUrl() + "/api/tools").request("GET", Map.of("Authorization", "Bearer " + TOKEN)).statusCode())
          .isEqualTo(200);
      assertThat(new RawMcp(hub.baseUrl() + "/health").request("GET", Map.of()).statusCode()).isEqualTo(200);
      assertThat(new RawMcp(hub.baseUrl() + "/api/health").request("GET", Map.of()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aHubReachableBeyondLocalhostWithoutTokensWarns() {
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(HubRouter.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured = new ch.qos.logback.core.read.ListAppender<>();
    captured.start();
    logger.addAppender(captured);
    try (TestHub hub = TestHub.start(TestHub.config(new JsonObject()).put("hub", new JsonObject().put("host", "0.0.0.0")))) {
      assertThat(captured.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
          .contains("listens on 0.0.0.0 with no hub.auth.tokens"));
    } finally {
      logger.detachAppender(captured);
    }
  }

  @Test
  void shortTokensAreRefusedAtStart() {
    JsonObject config = TestHub.config(new JsonObject())
        .put("hub", new JsonObject().put("auth", new JsonObject().put("tokens", new JsonArray().add("abc"))));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestHub.start(config))
        .hasMessageContaining("hub.auth.tokens[0]: is 3 characters long; use at least 16");
  }
}
