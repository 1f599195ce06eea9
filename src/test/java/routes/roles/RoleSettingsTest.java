package routes.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Which routes an instance runs for its roles: a route's group names its role. */
class RoleSettingsTest {

    private static final RoleSettings API = new RoleSettings(List.of("api"));
    private static final RoleSettings WORKER = new RoleSettings(List.of("worker"));

    private static RouteDefinition route(String id, String group) {
        RouteDefinition route = new RouteDefinition("direct:" + id);
        route.setId(id);
        route.setGroup(group);
        return route;
    }

    /** A route as the REST DSL makes it: no id or group of its own. */
    private static RouteDefinition restEndpoint() {
        RouteDefinition route = new RouteDefinition();
        route.fromRest("rest:get:/api/v1:/stats");
        return route;
    }

    private static RoleSettings bound(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("notify", RoleSettings.class);
    }

    @Test
    void anApiInstanceRunsTheApiRoutesAndTheRestEndpointsButNoWorkerRoute() {
        assertThat(API.runs(route("accept", "api"))).isTrue();
        assertThat(API.runs(restEndpoint())).isTrue();
        assertThat(API.runs(route("fan-out", "worker"))).isFalse();
    }

    @Test
    void aWorkerInstanceRunsTheWorkerRoutesButNoApiRouteAndNoRestEndpoint() {
        assertThat(WORKER.runs(route("deliver-email", "worker"))).isTrue();
        assertThat(WORKER.runs(route("accept", "api"))).isFalse();
        assertThat(WORKER.runs(restEndpoint())).isFalse();
    }

    @Test
    void anInstanceOfEveryRoleRunsEveryRoute() {
        for (RoleSettings both : List.of(new RoleSettings(List.of("api", "worker")),
                new RoleSettings(List.of("worker", "api", "worker")))) {
            assertThat(both.runs(route("accept", "api"))).isTrue();
            assertThat(both.runs(route("fan-out", "worker"))).isTrue();
            assertThat(both.runs(restEndpoint())).isTrue();
        }
    }

    @Test
    void aRouteWithoutGroupRunsOnEveryInstance() {
        assertThat(API.runs(route("cache-invalidation", null))).isTrue();
        assertThat(WORKER.runs(route("cache-invalidation", null))).isTrue();
    }

    @Test
    void aGroupThatNamesNoRoleStopsTheStart() {
        assertThatThrownBy(() -> API.runs(route("retention", "wroker"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("retention").hasMessageContaining("wroker").hasMessageContaining("[api, worker]");
    }

    @Test
    void rolesAreBoundFromACommaSeparatedList() {
        assertThat(bound(Map.of("notify.roles", "api,worker")).roles()).containsExactly("api", "worker");
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> bound(Map.of("notify.roles", "api,scheduler"))).isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("notify.roles").hasMessageContaining("[api, worker]")
                .hasMessageContaining("scheduler");
    }

    @Test
    void noRoleAtAllIsRefused() {
        assertThatThrownBy(() -> bound(Map.of())).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> new RoleSettings(List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rolesAreMatchedCaseSensitively() {
        assertThatThrownBy(() -> new RoleSettings(List.of("API"))).isInstanceOf(IllegalStateException.class);
    }
}
