package io.mcphub.gateway;

import io.mcphub.gateway.config.HubConfig;
import io.vertx.core.Context;
import java.util.function.Function;

/** Lets test support code in other packages reach the hub verticle's context. */
public final class HubVerticleAccess {

  private final HubVerticle verticle;

  public HubVerticleAccess(HubConfig config, Function<String, String> environment, java.nio.file.Path pluginsDir,
      java.util.List<java.nio.file.Path> watchedFiles) {
    this.verticle = new HubVerticle(config, environment, pluginsDir, watchedFiles);
  }

  public HubVerticle verticle() {
    return verticle;
  }

  public Context context() {
    return verticle.hubContext();
  }
}
