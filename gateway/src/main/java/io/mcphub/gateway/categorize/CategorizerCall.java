package io.mcphub.gateway.categorize;

import io.mcphub.categorizer.Categorization;
import io.mcphub.categorizer.CategorizationRequest;
import io.mcphub.categorizer.Categorizer;
import io.mcphub.categorizer.CategorizerClient;
import io.mcphub.categorizer.CategorizerException;
import io.mcphub.categorizer.CategorizerFailures;
import io.mcphub.categorizer.CategorizerVerticle;
import io.vertx.core.Future;

/**
 * How the prompt analyzer asks one categorizer. Over the event bus ({@link #bus}) for every plugin, as DESIGN's
 * contract has it, so a categorizer may run in its own verticle or on another node; or in process ({@link #inProcess})
 * for the built-in heuristic, which answers in a fraction of a millisecond of CPU: the bus would add two thread hops
 * and a copy of the request (every category with its sample of tool names) and of the answer to each analysis, most of
 * its latency and all of its tail on a loaded machine. Both give the same normalized answer ({@link CategorizerVerticle#call}),
 * and the same failures.
 */
interface CategorizerCall {

  String name();

  Future<Categorization> categorize(CategorizationRequest request);

  static CategorizerCall bus(CategorizerClient client) {
    return new CategorizerCall() {
      @Override
      public String name() {
        return client.name();
      }

      @Override
      public Future<Categorization> categorize(CategorizationRequest request) {
        return client.categorize(request);
      }
    };
  }

  /**
   * Calls {@code categorizer} on the caller's thread: for a categorizer that never blocks and keeps no state another
   * thread touches (an instance of its own). Its answer is normalized for the request as the categorizer's verticle
   * does; an exception is a failure like any other.
   */
  static CategorizerCall inProcess(String name, Categorizer categorizer) {
    return new CategorizerCall() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Categorization> categorize(CategorizationRequest request) {
        return CategorizerVerticle.call(categorizer, request, System.nanoTime()).recover(failure -> Future.failedFuture(
            failure instanceof CategorizerException known ? known
                : new CategorizerException(CategorizerFailures.INTERNAL, "categorizer '" + name + "' failed")));
      }
    };
  }
}
