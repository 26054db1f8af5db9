package io.mcphub.gateway.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Exposure handles on their own: opaque ids, bound to their principal, expiring, and bounded in number. */
class ExposureHandlesTest {

  private final AtomicLong now = new AtomicLong(1_000_000);

  @Test
  void aHandleHasAnOpaqueUrlSafeIdOfAtLeast128BitsAndHoldsTheSelection() {
    ExposureHandles handles = ExposureHandles.inMemory(Duration.ofMinutes(5), 10, 10, now::get);
    ExposureHandle handle = handles.mint("alice", Set.of("filesystem"), List.of("files__read", "files__list"));
    assertThat(handle.id()).matches("[A-Za-z0-9_-]{22,}");
    assertThat(handles.mint("alice", Set.of(), List.of()).id()).isNotEqualTo(handle.id());
    assertThat(handle.viewPath()).isEqualTo("/mcp/views/" + handle.id());
    assertThat(handle.expiresAt()).isEqualTo(now.get() + Duration.ofMinutes(5).toMillis());

    ExposureHandles.Lookup found = handles.lookup(handle.id(), "alice");
    assertThat(found.problem()).isNull();
    assertThat(found.handle().exposure().tools()).containsExactly("files__read", "files__list");
    assertThat(found.handle().exposure().categories()).as("a handle exposes no category wholesale").isEmpty();
  }

  @Test
  void unknownForeignAndExpiredHandlesAreRefusedWithTheirReason() {
    ExposureHandles handles = ExposureHandles.inMemory(Duration.ofMinutes(5), 10, 10, now::get);
    String id = handles.mint("alice", Set.of(), List.of("files__read")).id();

    assertThat(handles.lookup("forged-id", "alice").problem()).isEqualTo(ExposureHandles.Problem.UNKNOWN);
    assertThat(handles.lookup(id, "bob").problem()).isEqualTo(ExposureHandles.Problem.FOREIGN);
    assertThat(handles.lookup(id, null).problem()).as("an anonymous caller is not the owner").isEqualTo(ExposureHandles.Problem.FOREIGN);
    now.addAndGet(Duration.ofMinutes(5).toMillis());
    assertThat(handles.lookup(id, "alice").problem()).isEqualTo(ExposureHandles.Problem.EXPIRED);
    assertThat(ExposureHandles.Problem.EXPIRED.describe(id)).isEqualTo("exposureId " + id + " has expired");

    assertThat(ExposureHandles.Problem.UNKNOWN.describe("x".repeat(10_000))).as("a long id is not echoed whole")
        .hasSizeLessThan(200);
    String anonymous = ExposureHandles.inMemory().mint(null, Set.of(), List.of()).id();
    assertThat(anonymous).isNotNull();
  }

  @Test
  void theStoreKeepsAtMostItsCapacityDroppingTheOldestAndSweepsExpiredHandles() {
    ExposureHandles handles = ExposureHandles.inMemory(Duration.ofMinutes(5), 3, 3, now::get);
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(handles.mint("alice", Set.of(), List.of("t" + i)).id());
    }
    assertThat(handles.size()).isEqualTo(3);
    assertThat(handles.lookup(ids.get(0), "alice").problem()).isEqualTo(ExposureHandles.Problem.UNKNOWN);
    assertThat(handles.lookup(ids.get(1), "alice").problem()).isEqualTo(ExposureHandles.Problem.UNKNOWN);
    assertThat(handles.lookup(ids.get(4), "alice").problem()).isNull();

    now.addAndGet(Duration.ofMinutes(6).toMillis());
    handles.mint("alice", Set.of(), List.of());
    assertThat(handles.size()).as("minting sweeps the expired handles").isEqualTo(1);
  }

  @Test
  void onePrincipalMintingManyHandlesDropsOnlyItsOwnOldest() {
    ExposureHandles handles = ExposureHandles.inMemory(Duration.ofMinutes(5), 10, 3, now::get);
    String bobs = handles.mint("bob", Set.of(), List.of("b")).id();
    List<String> alices = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      alices.add(handles.mint("alice", Set.of(), List.of("a" + i)).id());
    }
    assertThat(handles.size()).isEqualTo(4);
    assertThat(handles.lookup(bobs, "bob").problem()).as("another principal's handle survives").isNull();
    assertThat(handles.lookup(alices.get(4), "alice").problem()).isEqualTo(ExposureHandles.Problem.UNKNOWN);
    assertThat(handles.lookup(alices.get(5), "alice").problem()).isNull();

    ExposureHandles anonymous = ExposureHandles.inMemory(Duration.ofMinutes(5), 10, 3, now::get);
    for (int i = 0; i < 8; i++) {
      anonymous.mint(null, Set.of(), List.of());
    }
    assertThat(anonymous.size()).as("without auth only the hub-wide bound applies").isEqualTo(8);
  }

  /** A clustered hub adopts the handles other nodes mint: the same lookups, the same bounds. */
  @Test
  void aHandleMintedElsewhereIsAdoptedUnderTheSameBoundsOnceAndNotWhenExpired() {
    ExposureHandles minter = ExposureHandles.inMemory(Duration.ofMinutes(5), 10, 10, now::get);
    ExposureHandles replica = ExposureHandles.inMemory(Duration.ofMinutes(5), 2, 2, now::get);
    List<ExposureHandle> minted = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      minted.add(minter.mint("alice", Set.of("c"), List.of("t" + i)));
    }
    minted.forEach(replica::adopt);
    replica.adopt(minted.get(2));
    assertThat(replica.size()).isEqualTo(2);
    assertThat(replica.lookup(minted.get(0).id(), "alice").problem()).isEqualTo(ExposureHandles.Problem.UNKNOWN);
    assertThat(replica.lookup(minted.get(2).id(), "alice").handle()).isEqualTo(minted.get(2));
    assertThat(replica.lookup(minted.get(2).id(), "bob").problem()).isEqualTo(ExposureHandles.Problem.FOREIGN);

    ExposureHandle old = minter.mint(null, Set.of(), List.of());
    now.addAndGet(Duration.ofMinutes(6).toMillis());
    replica.adopt(old);
    assertThat(replica.lookup(old.id(), null).problem()).as("an expired handle is not adopted")
        .isEqualTo(ExposureHandles.Problem.UNKNOWN);
  }
}
