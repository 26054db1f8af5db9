package io.mcphub.gateway.tools;

/**
 * One tool a query found.
 *
 * @param name the tool's namespaced name
 * @param score its BM25 score for the query (unbounded; comparable within one query only)
 * @param confidence the score mapped into [0, 1] ({@link ToolSearch#confidence(double)})
 */
public record ToolMatch(String name, double score, double confidence) {
}
