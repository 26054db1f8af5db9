package io.mcphub.gateway.upstream;

/** Where an upstream server is in its life. Names are MCP Hub's status words where it has them. */
public enum UpstreamState {
  /** {@code disabled: true} in the config. */
  DISABLED("disabled"),
  /** Starting the process or connecting, then initializing. */
  CONNECTING("connecting"),
  /** Initialized; its tools are listed. */
  CONNECTED("connected"),
  /** Crashed or lost; a restart is scheduled. */
  DISCONNECTED("disconnected"),
  /** Stopped by an operator or at shutdown. */
  STOPPED("stopped");

  private final String label;

  UpstreamState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
