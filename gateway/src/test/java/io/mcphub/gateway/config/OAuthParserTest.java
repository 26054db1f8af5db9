package io.mcphub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mcphub.gateway.auth.OAuthOptions;
import io.mcphub.gateway.session.Grant;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code hub.auth.oauth} as the config file writes it: defaults, scope grants, and every mistake named. */
@Timeout(10)
class OAuthParserTest {

  private final ConfigParser parser = new ConfigParser(name -> null);

  @Test
  void aMinimalSectionGetsSafeDefaults() {
    OAuthOptions oauth = parse("""
        {"issuer": "https://auth.example.com", "jwksUri": "https://auth.example.com/jwks", "audience": "https://hub.example.com/mcp"}""");
    assertThat(oauth.algorithms()).containsExactly("RS256", "ES256");
    assertThat(oauth.clockSkewSeconds()).isEqualTo(OAuthOptions.DEFAULT_CLOCK_SKEW_SECONDS);
    assertThat(oauth.resource()).isEqualTo("https://hub.example.com/mcp");
    assertThat(oauth.metadataUrl()).isEqualTo("https://hub.example.com/.well-known/oauth-protected-resource/mcp");
    assertThat(oauth.adminScope()).isNull();
    assertThat(oauth.grant(Set.of("anything"))).isEqualTo(Grant.ALL);
  }

  @Test
  void scopesGrantTheUnionOfTheirServersAndCategories() {
    OAuthOptions oauth = parse("""
        {"issuer": "https://a.example", "jwksUri": "https://a.example/jwks", "audience": "https://hub.example.com",
         "requiredScopes": ["mcp"], "adminScope": "mcp:admin",
         "scopes": {"github:read": {"servers": ["github"]}, "web": {"categories": ["web"]}, "all": {"servers": ["*"]}}}""");
    assertThat(oauth.grant(Set.of("github:read", "web"))).isEqualTo(new Grant(false, Set.of("github"), Set.of("web")));
    assertThat(oauth.grant(Set.of("github:read", "all"))).isEqualTo(Grant.ALL);
    assertThat(oauth.grant(Set.of("profile"))).isEqualTo(Grant.NONE);
    assertThat(oauth.scopesSupported()).containsExactly("mcp", "all", "github:read", "web", "mcp:admin");
    assertThat(oauth.metadataUrl()).isEqualTo("https://hub.example.com/.well-known/oauth-protected-resource");
  }

  @Test
  void mistakesAreNamedByTheirPath() {
    ConfigException error = catchThrowableOfType(ConfigException.class, () -> parse("""
        {"jwksUri": "file:///etc/keys", "audience": "mcp-hub", "algorithms": ["HS256", "none"],
         "scopes": {"empty": {}, "odd": "github"}}"""));
    assertThat(error.problems()).contains(
        "hub.auth.oauth.issuer: is required with hub.auth.oauth",
        "hub.auth.oauth.jwksUri: got \"file:///etc/keys\", expected an http:// or https:// URL",
        "hub.auth.oauth.scopes.empty: grants nothing; list \"servers\" (\"*\" for all) and/or \"categories\"",
        "hub.auth.oauth.scopes.odd: got \"github\", expected an object with \"servers\" and/or \"categories\"");
    assertThat(error.problems()).anySatisfy(problem -> assertThat(problem)
        .startsWith("hub.auth.oauth.algorithms[0]: got \"HS256\"").contains("none and HS* are never accepted"));
    assertThat(error.problems()).anySatisfy(problem -> assertThat(problem)
        .startsWith("hub.auth.oauth.audience: got \"mcp-hub\", expected the hub's resource URL").contains("set \"resource\""));
  }

  private OAuthOptions parse(String oauth) {
    return parser.parse(new JsonObject().put("hub", new JsonObject().put("auth", new JsonObject().put("oauth", new JsonObject(oauth)))))
        .hub().oauth();
  }
}
