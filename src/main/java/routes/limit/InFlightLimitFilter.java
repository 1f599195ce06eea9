package routes.limit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import routes.api.ApiProblem;
import routes.api.Problems;

/**
 * Bounds the /api/v1 requests the hub holds at once (the resilience4j bulkhead {@code api}). One
 * over the bound is answered 503 with Retry-After at once, before Spring Security or any route
 * reads it. Offered more than it could take (a burst, or its usual load while the JIT is still
 * compiling after a start), a hub that held every request held thousands, each with its buffers,
 * until its heap was full and collecting garbage took the CPU the work needed: it fell further
 * behind and stayed there. Answered at once, the excess costs next to nothing and comes back when
 * the client retries.
 */
class InFlightLimitFilter extends OncePerRequestFilter {

    private static final int RETRY_AFTER_SECONDS = 1;

    private final Bulkhead inFlight;
    private final ObjectMapper json;
    private final Counter refused;

    InFlightLimitFilter(Bulkhead inFlight, ObjectMapper json, MeterRegistry meters) {
        this.inFlight = inFlight;
        this.json = json;
        this.refused = Counter.builder("notify.api.at.capacity")
                .description("API requests answered 503 at once: the instance held its bound of requests in progress")
                .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!inFlight.tryAcquirePermission()) {
            refused.increment();
            Problems.write(response, ApiProblem.unavailable(
                    "The hub is at capacity: " + inFlight.getBulkheadConfig().getMaxConcurrentCalls()
                            + " requests are in progress; retry shortly", RETRY_AFTER_SECONDS),
                    request.getRequestURI(), json);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            inFlight.onComplete();
        }
    }
}
