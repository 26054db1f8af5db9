package io.mcphub.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Only a well-formed W3C {@code traceparent} from a message's {@code _meta} becomes an HTTP header upstream. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TraceparentHeaderTest {

  private static final String VALID = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @Test
  void aWellFormedTraceparentIsSentAsTheHeader() {
    assertThat(StreamableHttpTransport.traceparent(message(VALID))).isEqualTo(VALID);
  }

  @Test
  void anythingElseIsNot() {
    assertThat(StreamableHttpTransport.traceparent(message("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\nX-Evil: 1")))
        .isNull();
    assertThat(StreamableHttpTransport.traceparent(message("00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01"))).isNull();
    assertThat(StreamableHttpTransport.traceparent(message("00_0af7651916cd43dd8448eb211c80319c_b7ad6b7169203331_01"))).isNull();
    assertThat(StreamableHttpTransport.traceparent(new JsonObject().put("params", new JsonObject()
        .put("_meta", new JsonObject().put("traceparent", 42))))).isNull();
    assertThat(StreamableHttpTransport.traceparent(new JsonObject().put("params", new JsonObject()))).isNull();
  }

  private static JsonObject message(String traceparent) {
    return new JsonObject().put("method", "tools/call")
        .put("params", new JsonObject().put("_meta", new JsonObject().put("traceparent", traceparent)));
  }
}
