package io.mcphub.gateway.upstream;

/** A remote server answered 404 to a request carrying its session id: the session is gone. */
public final class SessionExpiredException extends RuntimeException {

  public SessionExpiredException(String serverName) {
    super("upstream '" + serverName + "' ended its session", null, false, false);
  }
}
