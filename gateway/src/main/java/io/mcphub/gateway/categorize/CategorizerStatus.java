package io.mcphub.gateway.categorize;

/**
 * How a categorizer's deployment went, for {@code /health}.
 *
 * @param error why it could not start (null when running)
 */
public record CategorizerStatus(String name, boolean running, String error) {
}
