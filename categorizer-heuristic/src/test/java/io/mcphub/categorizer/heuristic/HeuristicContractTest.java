package io.mcphub.categorizer.heuristic;

import io.mcphub.categorizer.CategorizerContractTest;
import io.mcphub.categorizer.CategorizerFactory;

/** The heuristic keeps the categorizer contract, over the event bus. */
class HeuristicContractTest extends CategorizerContractTest {

  @Override
  protected CategorizerFactory factory() {
    return new HeuristicCategorizerFactory();
  }
}
