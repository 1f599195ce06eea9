package routes.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import routes.api.ApiProblem;
import routes.api.Problems;

/**
 * Refuses what a page of another origin asks of Jolokia. A browser that holds an operator's key for
 * /actuator (HTTP Basic, which it sends by itself) would otherwise carry out whatever such a page
 * asks: stopping a route is one GET or one form POST away (cross-site request forgery). Browsers
 * say where a request comes from: {@code Sec-Fetch-Site} ({@code same-origin} for Hawtio, which the
 * hub serves itself; {@code none} for an address typed in), or, those that do not send it, an
 * {@code Origin} that Spring's CORS support finds other than the request's own ({@code null}
 * included). A request with neither comes from no page (curl, scripts) and goes on.
 */
final class CrossOriginRefusal extends OncePerRequestFilter {

    static final String FETCH_SITE = "Sec-Fetch-Site";
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");
    private static final RequestMatcher JOLOKIA = ScopeRules.path(null, "/actuator/jolokia/**");

    private final ObjectMapper json;

    CrossOriginRefusal(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !JOLOKIA.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (fromAnotherOrigin(request)) {
            Problems.write(response, new ApiProblem(403, "Forbidden", "Jolokia answers pages of the hub's own "
                    + "origin only, such as Hawtio's at /actuator/hawtio"), request.getRequestURI(), json);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean fromAnotherOrigin(HttpServletRequest request) {
        String site = request.getHeader(FETCH_SITE);
        return site != null ? !OWN_SITE.contains(site) : CorsUtils.isCorsRequest(request);
    }
}
