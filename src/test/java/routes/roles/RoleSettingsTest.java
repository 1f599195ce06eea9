package routes.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteFilters;
import org.junit.jupiter.api.Test;

/**
 * Which routes an instance runs for its roles. The excluded pattern is checked the way Camel main
 * applies {@code camel.main.route-filter-exclude-pattern} (RouteFilters, wildcards and all).
 */
class RoleSettingsTest {

    private static final Map<String, String> ROLE_ROUTES = new LinkedHashMap<>();

    static {
        ROLE_ROUTES.put("api", "api-v1,rest*,user-*,accept,notification-status");
        ROLE_ROUTES.put("worker", "fan-out,deliver-*,retry-*,send-*,sms-*");
    }

    private static boolean runs(List<String> roles, String routeId) {
        String excluded = new RoleSettings(roles, ROLE_ROUTES).excludedRoutes();
        if (excluded.isEmpty()) {
            return true;
        }
        RouteDefinition route = new RouteDefinition();
        route.setId(routeId);
        return RouteFilters.filterByPattern(null, excluded).apply(route);
    }

    @Test
    void anInstanceOfOneRoleExcludesTheOtherRolesRoutes() {
        assertThat(new RoleSettings(List.of("api"), ROLE_ROUTES).excludedRoutes())
                .isEqualTo("fan-out,deliver-*,retry-*,send-*,sms-*");
        assertThat(new RoleSettings(List.of("worker"), ROLE_ROUTES).excludedRoutes())
                .isEqualTo("api-v1,rest*,user-*,accept,notification-status");
    }

    @Test
    void anInstanceOfEveryRoleExcludesNothing() {
        assertThat(new RoleSettings(List.of("api", "worker"), ROLE_ROUTES).excludedRoutes()).isEmpty();
        assertThat(new RoleSettings(List.of("worker", "api", "worker"), ROLE_ROUTES).excludedRoutes()).isEmpty();
    }

    @Test
    void anApiInstanceRunsItsRoutesAndNotTheWorkersMatchedByWildcards() {
        List<String> api = List.of("api");
        assertThat(runs(api, "accept")).isTrue();
        assertThat(runs(api, "user-get")).isTrue();
        assertThat(runs(api, "rest-openapi")).isTrue();
        assertThat(runs(api, "fan-out")).isFalse();
        assertThat(runs(api, "deliver-apns")).isFalse();
        assertThat(runs(api, "retry-sms")).isFalse();
        assertThat(runs(api, "sms-failover")).isFalse();
    }

    @Test
    void aWorkerInstanceRunsItsRoutesAndNotTheApis() {
        List<String> worker = List.of("worker");
        assertThat(runs(worker, "deliver-fcm")).isTrue();
        assertThat(runs(worker, "fan-out")).isTrue();
        assertThat(runs(worker, "accept")).isFalse();
        assertThat(runs(worker, "user-put")).isFalse();
        assertThat(runs(worker, "restart")).as("rest* matches any id starting with rest").isFalse();
    }

    @Test
    void aNameWithoutWildcardMatchesThatRouteOnly() {
        assertThat(runs(List.of("api"), "fan-out-2")).isTrue();
        assertThat(runs(List.of("worker"), "accepted")).isTrue();
    }

    @Test
    void aRouteOfNoRoleRunsOnEveryInstance() {
        for (List<String> roles : List.of(List.of("api"), List.of("worker"), List.of("api", "worker"))) {
            assertThat(runs(roles, "retention")).as("retention on %s", roles).isTrue();
            assertThat(runs(roles, "kafka-health")).as("kafka-health on %s", roles).isTrue();
        }
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> new RoleSettings(List.of("api", "scheduler"), ROLE_ROUTES).excludedRoutes())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[api, worker]").hasMessageContaining("scheduler");
    }

    @Test
    void noRoleAtAllIsRefused() {
        assertThatThrownBy(() -> new RoleSettings(List.of(), ROLE_ROUTES).excludedRoutes())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new RoleSettings(null, ROLE_ROUTES).excludedRoutes())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rolesAreMatchedCaseSensitively() {
        assertThatThrownBy(() -> new RoleSettings(List.of("API"), ROLE_ROUTES).excludedRoutes())
                .isInstanceOf(IllegalStateException.class);
    }
}
