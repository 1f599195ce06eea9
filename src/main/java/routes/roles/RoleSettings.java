package routes.roles;

import java.util.List;
import java.util.Map;

/**
 * {@code notify.roles}: what this instance does, {@code api} (REST and Kafka intake), {@code worker}
 * (fan-out and delivery) or both; {@code notify.role-routes}: the route ids each role runs.
 */
record RoleSettings(List<String> roles, Map<String, String> roleRoutes) {

    /** The routes of the roles this instance does not have, as a Camel route filter pattern. */
    String excludedRoutes() {
        if (roles == null || roles.isEmpty() || !roleRoutes.keySet().containsAll(roles)) {
            throw new IllegalStateException("notify.roles must name one or more of " + roleRoutes.keySet()
                    + ", comma-separated; it is " + roles);
        }
        return String.join(",", roleRoutes.entrySet().stream()
                .filter(role -> !roles.contains(role.getKey()))
                .map(Map.Entry::getValue)
                .toList());
    }
}
