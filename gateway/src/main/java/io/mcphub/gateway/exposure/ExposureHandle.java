package io.mcphub.gateway.exposure;

import io.mcphub.gateway.session.Session;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One analysis' selection behind an opaque id (an {@code exposureId}, also the id of the view URL
 * {@code /mcp/views/{id}}). Immutable once minted: a new analysis mints a new handle, it never changes one.
 *
 * @param id the opaque id: 128 random bits, URL-safe
 * @param owner the principal that minted it ({@code null} when the hub has no auth); only it may use the handle
 * @param categories the categories the analysis found needed
 * @param tools the tools the analysis selected, in its order
 * @param expiresAt when the handle stops working, in epoch milliseconds
 */
public record ExposureHandle(String id, String owner, Set<String> categories, List<String> tools, long expiresAt) {

  /** Where a handle is served as its own MCP server: this prefix, then the id. */
  public static final String VIEWS_PATH = "/mcp/views/";

  public ExposureHandle {
    categories = Set.copyOf(categories);
    tools = List.copyOf(tools);
  }

  /** Whether {@code principal} may use the handle: the one that minted it (both null when the hub has no auth). */
  public boolean isOwnedBy(String principal) {
    return Session.samePrincipal(owner, principal);
  }

  /** The handle as an exposure: its tools one by one, its categories as analysed (no category wholesale). */
  public Exposure exposure() {
    return new Exposure(Set.of(), categories, new java.util.LinkedHashSet<>(tools));
  }

  /** The path of the view URL that serves this handle's tools. */
  public String viewPath() {
    return VIEWS_PATH + id;
  }

  public Instant expiry() {
    return Instant.ofEpochMilli(expiresAt);
  }
}
