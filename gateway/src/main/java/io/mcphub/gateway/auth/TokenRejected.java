package io.mcphub.gateway.auth;

/**
 * Why a bearer token was not accepted, as RFC 6750 §3 answers it: {@code status} 401 with {@code invalid_token}, 403
 * with {@code insufficient_scope} (and the {@code scope} needed), or 503 when the issuer's keys cannot be had. The
 * message is safe to show the client: it names the problem, never the token.
 */
public final class TokenRejected extends RuntimeException {

  public static final String INVALID_TOKEN = "invalid_token";
  public static final String INSUFFICIENT_SCOPE = "insufficient_scope";

  private final int status;
  private final String error;
  private final String scope;

  private TokenRejected(int status, String error, String scope, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.scope = scope;
  }

  static TokenRejected invalid(String message) {
    return new TokenRejected(401, INVALID_TOKEN, null, message);
  }

  static TokenRejected insufficientScope(String scope, String message) {
    return new TokenRejected(403, INSUFFICIENT_SCOPE, scope, message);
  }

  static TokenRejected unavailable(String message) {
    return new TokenRejected(503, null, null, message);
  }

  public int status() {
    return status;
  }

  /** The RFC 6750 error code; null for 503. */
  public String error() {
    return error;
  }

  /** The scopes needed (space-separated), for insufficient_scope; else null. */
  public String scope() {
    return scope;
  }
}
