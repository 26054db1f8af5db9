package io.mcphub.categorizer.llm;

import java.util.Locale;

/**
 * Why a call to an LLM provider failed, in a few classes an operator acts on differently: fix the key
 * ({@link #AUTH}), raise the quota or slow down ({@link #QUOTA}), look at the network or the provider
 * ({@link #TIMEOUT}, {@link #UNREACHABLE}, {@link #SERVER_ERROR}), fix the request settings ({@link #REJECTED}), or
 * nothing (one prompt the model would not answer: {@link #BAD_ANSWER}). {@link #CIRCUIT_OPEN} is a call refused
 * without asking the provider because too many failed before. The classes are the {@code reason} tag values of the
 * hub's failure metrics, so the set is closed.
 */
public enum FailureClass {
  AUTH, QUOTA, TIMEOUT, UNREACHABLE, SERVER_ERROR, REJECTED, BAD_ANSWER, CIRCUIT_OPEN, INTERNAL;

  /** The class of an HTTP error status from the provider. */
  public static FailureClass ofHttpStatus(int status) {
    if (status == 401 || status == 403) {
      return AUTH;
    }
    if (status == 429) {
      return QUOTA;
    }
    if (status == 408 || status == 504) {
      return TIMEOUT;
    }
    return status >= 500 ? SERVER_ERROR : REJECTED;
  }

  /** The class as reported in status and metrics, e.g. {@code server_error}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
