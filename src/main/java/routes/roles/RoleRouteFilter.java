package routes.roles;

import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.CamelContextCustomizer;
import org.springframework.stereotype.Component;

/**
 * One jar, several roles: Camel adds only the routes of this instance's roles ({@link RoleSettings}),
 * so the others are never created (no consumer joins their topics, no REST endpoint answers). A
 * route filter configured by hand ({@code camel.main.route-filter-*-pattern}) still applies.
 */
@Component
class RoleRouteFilter implements CamelContextCustomizer {

    private final RoleSettings settings;

    RoleRouteFilter(RoleSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure(CamelContext camel) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        Function<RouteDefinition, Boolean> configured = model.getRouteFilter();
        model.setRouteFilter(route -> settings.runs(route) && (configured == null || configured.apply(route)));
    }
}
