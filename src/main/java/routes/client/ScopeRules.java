package routes.client;

import static routes.client.Scope.ADMIN;
import static routes.client.Scope.SEND;
import static routes.client.Scope.TEMPLATES;
import static routes.client.Scope.USERS_READ;
import static routes.client.Scope.USERS_WRITE;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** The scope each endpoint asks for; the first rule that matches a request decides. */
final class ScopeRules {

    /** A method (null: any) and path pattern, and the scopes it takes (any one of them will do). */
    record Rule(HttpMethod method, String pattern, List<Scope> scopes) {
        Rule(HttpMethod method, String pattern, Scope... scopes) {
            this(method, pattern, List.of(scopes));
        }

        RequestMatcher matcher() {
            return path(method, pattern);
        }

        String[] authorities() {
            return scopes.stream().map(Scope::authority).toArray(String[]::new);
        }
    }

    static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, "/api/v1/notifications", SEND),
            new Rule(HttpMethod.GET, "/api/v1/notifications/*", SEND),
            new Rule(HttpMethod.DELETE, "/api/v1/notifications/*", SEND),
            new Rule(HttpMethod.POST, "/api/v1/deliveries/*/events", SEND),
            new Rule(HttpMethod.GET, "/api/v1/stats", SEND),
            // a sender may read and preview the templates it sends with; only templates changes them
            new Rule(HttpMethod.GET, "/api/v1/templates/**", TEMPLATES, SEND),
            new Rule(HttpMethod.GET, "/api/v1/templates", TEMPLATES, SEND),
            new Rule(HttpMethod.POST, "/api/v1/templates/*/preview", TEMPLATES, SEND),
            new Rule(null, "/api/v1/templates/**", TEMPLATES),
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
