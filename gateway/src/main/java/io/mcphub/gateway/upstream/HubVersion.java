package io.mcphub.gateway.upstream;

/** The hub's version, from the jar manifest (a development build says {@code dev}). */
public final class HubVersion {

  private HubVersion() {
  }

  public static String get() {
    String version = HubVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
