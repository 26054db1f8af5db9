package io.mcphub.gateway.cluster;

import com.hazelcast.map.IMap;
import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.session.SessionRoute;
import io.mcphub.gateway.session.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sessions of a cluster: the sessions this node serves in memory (as alone), their serializable records in a Hazelcast
 * map every node reads ({@link SessionRecords}; synchronous backups, so a node's loss loses none). A request naming a
 * session another node opened materialises it here from its record; what a request changes is written back before the
 * response goes out ({@link #save}). A record unused for the session idle timeout expires on every node. Confined to
 * the hub's context.
 */
final class ClusteredSessionStore implements SessionStore {

  private final Vertx vertx;
  private final SessionStore local;
  private final IMap<String, String> records;
  private final SessionRoute route;
  private final long idleTimeoutMs;
  /** The record last written or read per local session: a request that changed nothing writes nothing. */
  private final Map<String, Saved> saved = new HashMap<>();

  ClusteredSessionStore(Vertx vertx, SessionStore local, IMap<String, String> records, SessionRoute route,
      long idleTimeoutMs) {
    this.vertx = vertx;
    this.local = local;
    this.records = records;
    this.route = route;
    this.idleTimeoutMs = idleTimeoutMs;
  }

  /** Listens for sessions ended on other nodes; {@code closeLocally} ends this node's copy. */
  Future<Void> start(Consumer<String> closeLocally) {
    return vertx.eventBus().<String>consumer(ClusterAddresses.SESSION_ENDED, message -> closeLocally.accept(message.body()))
        .completion();
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public void put(Session session) {
    local.put(session);
    session.route(route);
  }

  @Override
  public Session get(String id) {
    return local.get(id);
  }

  @Override
  public Future<Session> find(String id) {
    Session here = local.get(id);
    if (here != null || id == null) {
      return Future.succeededFuture(here);
    }
    return Future.fromCompletionStage(records.getAsync(id), vertx.getOrCreateContext()).map(record -> {
      if (record == null) {
        return null;
      }
      Session again = local.get(id);
      if (again != null) {
        return again;
      }
      Session session = SessionRecords.materialise(vertx, id, record);
      put(session);
      saved.put(id, new Saved(record, System.currentTimeMillis()));
      return session;
    });
  }

  @Override
  public Future<Void> save(Session session) {
    if (session.isModern() || session.state() == Session.State.NEW || session.state() == Session.State.CLOSED) {
      return Future.succeededFuture();
    }
    String record = SessionRecords.encode(session);
    long now = System.currentTimeMillis();
    Saved last = saved.get(session.id());
    if (last != null && record.equals(last.record()) && now - last.at() < idleTimeoutMs / 2) {
      return Future.succeededFuture();
    }
    if (last != null && session.state() == Session.State.INITIALIZING) {
      // written once already: a copy still initializing here must not move a record another node has since made
      // operating back to initializing
      return Future.succeededFuture();
    }
    Saved attempt = new Saved(record, now);
    saved.put(session.id(), attempt);
    return Future.<Void>fromCompletionStage(records.setAsync(session.id(), record, idleTimeoutMs, TimeUnit.MILLISECONDS),
        vertx.getOrCreateContext())
        // a write that failed is not taken for done: the next request writes the record again
        .onFailure(failed -> saved.remove(session.id(), attempt));
  }

  @Override
  public void end(String id) {
    // the other nodes drop their copies once the record is gone, so none materialises the session again
    Future.fromCompletionStage(records.removeAsync(id), vertx.getOrCreateContext())
        .onComplete(removed -> vertx.eventBus().publish(ClusterAddresses.SESSION_ENDED, id));
  }

  @Override
  public Session remove(String id) {
    saved.remove(id);
    return local.remove(id);
  }

  @Override
  public Collection<Session> all() {
    return local.all();
  }

  @Override
  public int size() {
    return local.size();
  }

  @Override
  public int capacity() {
    return local.capacity();
  }

  /** A record as last written (or read) here, and when: it is written again once half its lifetime has passed. */
  private record Saved(String record, long at) {
  }
}
