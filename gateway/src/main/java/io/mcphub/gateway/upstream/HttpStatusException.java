package io.mcphub.gateway.upstream;

/** A remote upstream answered with an unexpected HTTP status. */
public final class HttpStatusException extends RuntimeException {

  private final int status;

  public HttpStatusException(String serverName, int status, String detail) {
    super("upstream '" + serverName + "' answered HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail),
        null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** True for the 4xx answers after which the spec's backwards-compatibility rule tries the SSE transport. */
  static boolean isClientError(Throwable error) {
    return error instanceof HttpStatusException http && http.status >= 400 && http.status < 500 && http.status != 401
        && http.status != 403;
  }
}
