package io.mcphub.gateway.mcp;

import io.mcphub.gateway.session.Session;

/**
 * Who is subscribed to which resource URI, counted so that an upstream is asked to subscribe once, for its first
 * subscriber, and to unsubscribe when its last leaves. A 2025 session subscribes with {@code resources/subscribe}, a
 * 2026-07-28 client by naming the URI on a {@code subscriptions/listen} stream (whose transient session stands for it).
 * The hub keeps the counts in memory today; a clustered hub would keep them behind the same interface.
 */
interface ResourceSubscriptions {

  /** Adds a subscriber; true when it is the URI's first (the upstream must then be asked). */
  boolean subscribe(Session session, String uri);

  /** Removes a subscriber; the owning upstream is told when it was the URI's last. */
  void unsubscribe(Session session, String uri);
}
