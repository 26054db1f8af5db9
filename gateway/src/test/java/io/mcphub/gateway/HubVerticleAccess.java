package io.mcphub.gateway;

import io.mcphub.gateway.config.HubConfig;
import io.vertx.core.Context;
import java.util.function.Function;

/** Lets test support code in other packages reach the hub verticle's context. */
public final class HubVerticleAccess {

  private final HubVerticle verticle;

  public HubVerticleAccess(HubConfig config, Function<String, String> environment, java.nio.file.Path pluginsDir) {
    this.verticle = new HubVerticle(config, environment, pluginsDir);
  }

  public HubVerticle verticle() {
    return verticle;
  }

  public Context context() {
    return verticle.hubContext();
  }
}
