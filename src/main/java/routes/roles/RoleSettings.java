package routes.roles;

import java.util.List;
import org.apache.camel.model.RouteDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code notify.roles}: what this instance does, {@code api} (the REST API and Kafka intake),
 * {@code worker} (fan-out and delivery) or both. A route states its role where it is written, as
 * its Camel route group ({@code group: worker}); one without a group runs on every instance.
 */
@ConfigurationProperties("notify")
record RoleSettings(List<String> roles) {

    static final List<String> KNOWN = List.of("api", "worker");

    /** The REST DSL gives the routes it makes no group: every REST endpoint is the API's. */
    private static final String REST = "api";

    RoleSettings {
        if (roles == null || roles.isEmpty() || !KNOWN.containsAll(roles)) {
            throw new IllegalStateException("notify.roles must name one or more of " + KNOWN
                    + ", comma-separated; it is " + roles);
        }
    }

    /** Whether this instance creates the route; a group that names no role stops the start. */
    boolean runs(RouteDefinition route) {
        String role = Boolean.TRUE.equals(route.isRest()) ? REST : route.getGroup();
        if (role == null) {
            return true;
        }
        if (!KNOWN.contains(role)) {
            throw new IllegalStateException("Route " + route.getRouteId() + " is in group " + role
                    + ", which is none of the roles " + KNOWN);
        }
        return roles.contains(role);
    }
}
