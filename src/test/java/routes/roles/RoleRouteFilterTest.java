package routes.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** How notify.roles becomes Camel main's route filter in the environment, before anything starts. */
class RoleRouteFilterTest {

    private static final String EXCLUDE = RoleRouteFilter.EXCLUDE;

    private static MockEnvironment environment(String roles) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("notify.role-routes.api", "api-v1,accept,user-*")
                .withProperty("notify.role-routes.worker", "fan-out,deliver-*");
        return roles == null ? environment : environment.withProperty("notify.roles", roles);
    }

    private static MockEnvironment filtered(MockEnvironment environment) {
        new RoleRouteFilter().postProcessEnvironment(environment, null);
        return environment;
    }

    @Test
    void anApiInstanceExcludesTheWorkerRoutes() {
        assertThat(filtered(environment("api")).getProperty(EXCLUDE)).isEqualTo("fan-out,deliver-*");
    }

    @Test
    void aWorkerInstanceExcludesTheApiRoutes() {
        assertThat(filtered(environment("worker")).getProperty(EXCLUDE)).isEqualTo("api-v1,accept,user-*");
    }

    @Test
    void anInstanceOfBothRolesExcludesNothing() {
        assertThat(filtered(environment("api,worker")).getProperty(EXCLUDE)).isNull();
    }

    @Test
    void anExcludePatternConfiguredByHandIsKeptAndExtended() {
        MockEnvironment environment = environment("api").withProperty(EXCLUDE, "legacy-*");
        assertThat(filtered(environment).getProperty(EXCLUDE)).isEqualTo("legacy-*,fan-out,deliver-*");
    }

    @Test
    void anExcludePatternConfiguredByHandIsKeptWhenTheRolesExcludeNothing() {
        MockEnvironment environment = environment("api,worker").withProperty(EXCLUDE, "legacy-*");
        assertThat(filtered(environment).getProperty(EXCLUDE)).isEqualTo("legacy-*");
    }

    @Test
    void withoutRoleRoutesNothingIsFiltered() {
        MockEnvironment environment = new MockEnvironment().withProperty("notify.roles", "api");
        assertThat(filtered(environment).getProperty(EXCLUDE)).isNull();
    }

    @Test
    void anUnknownRoleStopsTheStart() {
        assertThatThrownBy(() -> filtered(environment("api,cron"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("notify.roles");
    }

    @Test
    void rolesLeftOutStopTheStart() {
        assertThatThrownBy(() -> filtered(environment(null))).isInstanceOf(IllegalStateException.class);
    }
}
