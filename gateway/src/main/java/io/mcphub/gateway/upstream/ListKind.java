package io.mcphub.gateway.upstream;

import io.mcphub.gateway.jsonrpc.McpMethods;

/** The lists an upstream server publishes, with the method that pages through each. */
public enum ListKind {
  TOOLS("tools", McpMethods.TOOLS_LIST, "tools"),
  PROMPTS("prompts", McpMethods.PROMPTS_LIST, "prompts"),
  RESOURCES("resources", McpMethods.RESOURCES_LIST, "resources"),
  RESOURCE_TEMPLATES("resources", McpMethods.RESOURCES_TEMPLATES_LIST, "resourceTemplates");

  private final String capability;
  private final String method;
  private final String resultKey;

  ListKind(String capability, String method, String resultKey) {
    this.capability = capability;
    this.method = method;
    this.resultKey = resultKey;
  }

  /** The server capability that announces this list. */
  public String capability() {
    return capability;
  }

  public String method() {
    return method;
  }

  public String resultKey() {
    return resultKey;
  }
}
