package io.mcphub.categorizer;

/** A categorizer failure with a {@link CategorizerFailures} code and a one-line reason (never a secret). */
public final class CategorizerException extends RuntimeException {

  private final int code;

  public CategorizerException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
