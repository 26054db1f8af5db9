package io.mcphub.categorizer;

/** The failure codes a categorizer replies with ({@code message.fail(code, text)}), HTTP-like. */
public final class CategorizerFailures {

  /** The request is malformed: no prompt, no categories, a prompt over the size limit. */
  public static final int INVALID_REQUEST = 400;
  /** The categorizer cannot answer now: no API key, circuit open, provider down. */
  public static final int UNAVAILABLE = 503;
  /** The categorizer did not answer within its time budget. */
  public static final int TIMEOUT = 504;
  /** Anything else that went wrong inside the categorizer. */
  public static final int INTERNAL = 500;

  private CategorizerFailures() {
  }
}
