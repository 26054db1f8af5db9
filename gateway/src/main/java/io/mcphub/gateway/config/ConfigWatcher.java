package io.mcphub.gateway.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config files (polling their size and modification time) and hands a reloaded config to the hub once
 * a change has settled. A config that does not load or does not apply is refused: one ERROR line per problem, and the
 * running one is kept (a file whose servers went under a mistyped key, for one, would otherwise stop them all).
 */
public final class ConfigWatcher {

  /** How often the files are looked at; a change is applied once two looks agree. */
  public static final long POLL_MS = 250;
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

  private final Vertx vertx;
  private final List<Path> files;
  private final ConfigLoader loader;
  private final Function<HubConfig, Future<Void>> apply;
  private List<String> applied;
  private List<String> seen;
  private boolean busy;
  private long timer = -1;

  /**
   * @param apply applies a loaded config; a failed future means it was refused and the running one is kept
   */
  public ConfigWatcher(Vertx vertx, List<Path> files, ConfigLoader loader, Function<HubConfig, Future<Void>> apply) {
    this.vertx = vertx;
    this.files = List.copyOf(files);
    this.loader = loader;
    this.apply = apply;
  }

  public Future<Void> start() {
    return fingerprints().map(current -> {
      applied = current;
      seen = current;
      timer = vertx.setPeriodic(POLL_MS, t -> poll());
      LOG.info("watching {} for changes", files);
      return null;
    });
  }

  private void poll() {
    if (busy) {
      return;
    }
    busy = true;
    fingerprints().compose(current -> {
      boolean settled = current.equals(seen);
      seen = current;
      if (!settled || current.equals(applied)) {
        return Future.<Void>succeededFuture();
      }
      applied = current;
      return reload();
    }).onComplete(done -> busy = false);
  }

  private Future<Void> reload() {
    return loader.load(files).compose(apply).recover(error -> {
      if (error instanceof ConfigException config) {
        config.problems().forEach(problem -> LOG.error("config reload refused, running config kept: {}", problem));
      } else {
        LOG.error("config reload refused, running config kept: {}", error.getMessage());
      }
      return Future.succeededFuture();
    });
  }

  private Future<List<String>> fingerprints() {
    List<Future<String>> each = new ArrayList<>();
    for (Path file : files) {
      each.add(vertx.fileSystem().props(file.toString())
          .map((FileProps props) -> props.size() + "@" + props.lastModifiedTime())
          .otherwise("missing"));
    }
    return Future.all(each).map(all -> each.stream().map(Future::result).toList());
  }

  public void close() {
    vertx.cancelTimer(timer);
  }
}
