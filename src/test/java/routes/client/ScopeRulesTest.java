package routes.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

class ScopeRulesTest {

    /** The scope the first matching rule asks for, as the filter chain applies them; null for none. */
    private static String required(String method, String path) {
        var request = new MockHttpServletRequest(method, path);
        return ScopeRules.RULES.stream().filter(rule -> rule.matcher().matches(request)).findFirst()
                .map(rule -> rule.scopes().stream().map(Scope::wire).collect(Collectors.joining(" "))).orElse(null);
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /api/v1/notifications, send",
            "GET, /api/v1/notifications/n-1, send",
            "DELETE, /api/v1/notifications/n-1, send",
            "POST, /api/v1/deliveries/d-1/events, send",
            "GET, /api/v1/stats, send",
            "GET, /api/v1/templates, templates send",
            "GET, /api/v1/templates/t-1, templates send",
            "POST, /api/v1/templates/t-1/preview, templates send",
            "PUT, /api/v1/templates/t-1, templates",
            "DELETE, /api/v1/templates/t-1, templates",
            "GET, /api/v1/users/u-1, users:read",
            "GET, /api/v1/users/u-1/preferences, users:read",
            "PUT, /api/v1/users/u-1, users:write",
            "PUT, /api/v1/users/u-1/preferences, users:write",
            "POST, /api/v1/users/u-1/devices, users:write",
            "DELETE, /api/v1/users/u-1/devices/d-1, users:write",
            "DELETE, /api/v1/users/u-1, users:write",
            "GET, /api/v1/categories, send",
            "GET, /api/v1/categories/marketing, send",
            "PUT, /api/v1/categories/marketing, admin",
            "GET, /api/v1/admin/dead-letters, admin",
            "POST, /api/v1/admin/dead-letters/d-1/replay, admin",
            "POST, /api/v1/admin/clients, admin",
            "DELETE, /api/v1/admin/clients/c-1/keys/k-1, admin",
            "GET, /api/v1/admin/audit, admin",
            "GET, /api/v1/sandbox/messages, admin",
            "GET, /actuator/prometheus, admin",
            "POST, /actuator/jolokia, admin",
            "GET, /actuator/hawtio/, admin"})
    void eachEndpointAsksForItsScope(String method, String path, String scope) {
        assertThat(required(method, path)).isEqualTo(scope);
    }

    @ParameterizedTest
    @CsvSource({"GET, /api/v1/notifications", "GET, /t/c/token", "GET, /error", "GET, /api/v1/unknown"})
    void pathsOutsideTheRulesAskForNoScope(String method, String path) {
        assertThat(required(method, path)).isNull();
    }

    @Test
    void aScopeIsAnAuthorityAndBack() {
        for (Scope scope : Scope.values()) {
            assertThat(Scope.ofAuthority(scope.authority())).isEqualTo(scope);
        }
        assertThat(Scope.ofAuthority("ROLE_ANONYMOUS")).isNull();
    }

    @Nested
    class PresentedKeys {

        @Test
        void aKeyComesAsBearerOrAsThePasswordOfBasic() {
            assertThat(KeyAuthentication.presented("Bearer k-1").getCredentials()).isEqualTo("k-1");
            assertThat(KeyAuthentication.presented("bearer  k-1 ").getCredentials()).isEqualTo("k-1");
            String basic = Base64.getEncoder().encodeToString("anyone:k:2".getBytes(StandardCharsets.UTF_8));
            assertThat(KeyAuthentication.presented("Basic " + basic).getCredentials()).isEqualTo("k:2");
        }

        @Test
        void anythingElseIsNoKey() {
            assertThat(KeyAuthentication.presented(null)).isNull();
            assertThat(KeyAuthentication.presented("Bearer")).isNull();
            assertThat(KeyAuthentication.presented("Bearer  ")).isNull();
            assertThat(KeyAuthentication.presented("Token k-1")).isNull();
            assertThat(KeyAuthentication.presented("Basic not-base64!")).isNull();
            assertThat(KeyAuthentication.presented("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes(
                    StandardCharsets.UTF_8)))).isNull();
        }

        @Test
        void aVerifiedKeyGrantsOneAuthorityPerScopeAndKeepsNoSecret() {
            var verified = KeyAuthentication.verified(
                    new Caller("c-1", "billing", EnumSet.of(Scope.SEND, Scope.USERS_READ), "k-1", null,
                            Limits.UNLIMITED));
            assertThat(verified.isAuthenticated()).isTrue();
            assertThat(verified.getCredentials()).isNull();
            assertThat(verified.getAuthorities()).extracting(Object::toString)
                    .containsExactlyInAnyOrder("SCOPE_send", "SCOPE_users:read");
        }
    }

    @Test
    void aKeyExpiresAtItsExpiry() {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        Caller caller = new Caller("c-1", "n", EnumSet.of(Scope.SEND), "k-1", at, Limits.UNLIMITED);
        assertThat(caller.expiredAt(at.minusMillis(1))).isFalse();
        assertThat(caller.expiredAt(at)).isTrue();
        assertThat(new Caller("c-1", "n", EnumSet.of(Scope.SEND), "k-1", null, Limits.UNLIMITED).expiredAt(at))
                .isFalse();
    }
}
