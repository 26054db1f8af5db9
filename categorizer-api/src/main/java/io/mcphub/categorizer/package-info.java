/**
 * The categorizer SPI of mcp-hub: how a plugin tells the hub which tool categories a user's prompt needs.
 *
 * <p>A plugin implements {@link io.mcphub.categorizer.CategorizerFactory} and registers it in
 * {@code META-INF/services/io.mcphub.categorizer.CategorizerFactory}. The hub finds it with
 * {@link java.util.ServiceLoader}, creates one {@link io.mcphub.categorizer.Categorizer} from its config,
 * and serves it on the event bus at {@link io.mcphub.categorizer.CategorizerAddresses#of(String)} with a
 * {@link io.mcphub.categorizer.CategorizerVerticle}. Requests and replies are the JSON forms of
 * {@link io.mcphub.categorizer.CategorizationRequest} and {@link io.mcphub.categorizer.Categorization};
 * failures carry a code from {@link io.mcphub.categorizer.CategorizerFailures}.
 */
package io.mcphub.categorizer;
