package io.mcphub.gateway.mcp;

import io.mcphub.gateway.session.Session;
import io.mcphub.gateway.upstream.RequestOrigin;
import java.util.List;

/** What a session lists and how it hears that its list changed: the hub's side of an exposure change. */
interface SessionToolLists {

  /** The upstream tools the session sees now, in list order (meta tools not included). */
  List<String> visibleToolNames(Session session);

  /** Tells the session (and, without session isolation, every session) that its tool list changed. */
  void notifyToolsChanged(Session session, RequestOrigin origin);
}
