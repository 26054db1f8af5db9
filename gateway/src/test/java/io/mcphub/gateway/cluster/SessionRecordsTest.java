package io.mcphub.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.gateway.session.Session;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** What another node rebuilds of a session from its record: everything a request needs, nothing of the live part. */
class SessionRecordsTest {

  @Test
  void aMaterialisedSessionHasTheRecordedStateOwnerViewAndClient() {
    Session original = new Session(null, Session.newId(), Session.Transport.STREAMABLE_HTTP, "alice");
    original.view("view-1");
    original.initialized("2025-11-25", new JsonObject().put("sampling", new JsonObject()),
        new JsonObject().put("name", "client"));
    original.operating();
    original.logLevel("debug");

    Session copy = SessionRecords.materialise(null, original.id(), SessionRecords.encode(original));

    assertThat(copy.id()).isEqualTo(original.id());
    assertThat(copy.handle()).isEqualTo(original.handle());
    assertThat(copy.state()).isEqualTo(Session.State.OPERATING);
    assertThat(copy.isOwnedBy("alice")).isTrue();
    assertThat(copy.isOwnedBy("bob")).isFalse();
    assertThat(copy.view()).isEqualTo("view-1");
    assertThat(copy.protocolVersion()).isEqualTo("2025-11-25");
    assertThat(copy.clientCapabilities()).isEqualTo(original.clientCapabilities());
    assertThat(copy.clientInfo()).isEqualTo(original.clientInfo());
    assertThat(copy.logLevel()).isEqualTo("debug");
    assertThat(SessionRecords.encode(copy)).as("an unchanged copy writes nothing back").isEqualTo(SessionRecords.encode(original));
  }

  @Test
  void aSessionStillInitializingStaysSo() {
    Session original = new Session(null, Session.newId(), Session.Transport.STREAMABLE_HTTP, null);
    original.initialized("2025-06-18", null, null);

    Session copy = SessionRecords.materialise(null, original.id(), SessionRecords.encode(original));

    assertThat(copy.state()).isEqualTo(Session.State.INITIALIZING);
    assertThat(copy.isOwnedBy(null)).isTrue();
  }
}
