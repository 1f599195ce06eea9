package routes.limit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import routes.api.Problems;
import routes.client.Caller;

/**
 * Takes each /api/v1 request from its client's requestsPerSecond once Spring Security has named the
 * client (every /api request needs a key), before its body is read: over the limit, 429
 * problem+json and no route runs.
 */
class RequestLimitFilter extends OncePerRequestFilter {

    private final ClientLimits limits;
    private final ObjectMapper json;

    RequestLimitFilter(ClientLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            limits.request((Caller) request.getAttribute(Caller.ATTRIBUTE));
        } catch (LimitExceeded refused) {
            Problems.write(response, refused, request.getRequestURI(), json);
            return;
        }
        chain.doFilter(request, response);
    }
}
