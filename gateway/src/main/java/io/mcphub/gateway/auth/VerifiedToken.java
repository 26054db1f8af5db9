package io.mcphub.gateway.auth;

import io.mcphub.gateway.session.Grant;
import java.util.Set;

/**
 * An access token that passed every check.
 *
 * @param principal whom sessions opened with it are bound to: a digest of issuer and subject, so a refreshed token of
 *     the same subject reaches the same sessions and another subject's does not
 * @param scopes the scopes it carries ({@code scope} or {@code scp})
 * @param grant the upstream tools its scopes allow
 */
public record VerifiedToken(String principal, Set<String> scopes, Grant grant) {

  public VerifiedToken {
    scopes = Set.copyOf(scopes);
  }
}
