package routes.client;

import static routes.client.Scope.ADMIN;
import static routes.client.Scope.SEND;
import static routes.client.Scope.USERS_READ;
import static routes.client.Scope.USERS_WRITE;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** The scope each endpoint asks for; the first rule that matches a request decides. */
final class ScopeRules {

    /** A method (null: any) and path pattern, and the scope it asks for. */
    record Rule(HttpMethod method, String pattern, Scope scope) {
        RequestMatcher matcher() {
            return path(method, pattern);
        }
    }

    static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, "/api/v1/notifications", SEND),
            new Rule(HttpMethod.GET, "/api/v1/notifications/*", SEND),
            new Rule(HttpMethod.DELETE, "/api/v1/notifications/*", SEND),
            new Rule(HttpMethod.POST, "/api/v1/deliveries/*/events", SEND),
            new Rule(HttpMethod.GET, "/api/v1/stats", SEND),
            new Rule(HttpMethod.GET, "/api/v1/users/**", USERS_READ),
            new Rule(null, "/api/v1/users/**", USERS_WRITE),
            new Rule(HttpMethod.GET, "/api/v1/categories/**", SEND),
            new Rule(null, "/api/v1/categories/**", ADMIN),
            new Rule(null, "/api/v1/admin/**", ADMIN),
            new Rule(null, "/api/v1/sandbox/**", ADMIN),
            new Rule(null, "/actuator/**", ADMIN));

    private ScopeRules() {}

    /** A matcher of the path within the application, whichever servlet serves it (Jolokia has its own). */
    static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
