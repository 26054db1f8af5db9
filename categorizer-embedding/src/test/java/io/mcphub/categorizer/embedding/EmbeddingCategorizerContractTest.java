package io.mcphub.categorizer.embedding;

import io.mcphub.categorizer.CategorizerContractTest;
import io.mcphub.categorizer.CategorizerFactory;

/** The embedding categorizer keeps the categorizer contract, over the event bus, with no tool catalog published. */
class EmbeddingCategorizerContractTest extends CategorizerContractTest {

  @Override
  protected CategorizerFactory factory() {
    return new EmbeddingCategorizerFactory();
  }
}
