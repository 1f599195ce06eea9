package routes.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The API's requests in progress are bounded; one over the bound is refused at once, in problem+json. */
class InFlightLimitFilterTest {

    private final Bulkhead inFlight = Bulkhead.of("api",
            BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InFlightLimitFilter filter = new InFlightLimitFilter(inFlight, new ObjectMapper(), meters);
    private final AtomicInteger served = new AtomicInteger();

    private MockHttpServletResponse send(FilterChain chain) throws Exception {
        var response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/notifications"), response, chain);
        return response;
    }

    @Test
    void aRequestOverTheBoundIsAnswered503WithRetryAfterWhileTheOneInProgressFinishes() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var held = CompletableFuture.supplyAsync(() -> {
            try {
                return send((request, response) -> {
                    entered.countDown();
                    await(release);
                    served.incrementAndGet();
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        var refused = send((request, response) -> served.incrementAndGet());

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("at capacity").contains("/api/v1/notifications");
        assertThat(served).hasValue(0);
        assertThat(meters.counter("notify.api.at.capacity").count()).isEqualTo(1);

        release.countDown();
        assertThat(held.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(send((request, response) -> served.incrementAndGet()).getStatus()).isEqualTo(200);
        assertThat(served).hasValue(2);
    }

    @Test
    void aRequestThatFailedGivesItsPlaceBack() throws Exception {
        assertThatThrownBy(() -> send((request, response) -> {
            throw new ServletException("route failed");
        })).isInstanceOf(ServletException.class);

        assertThat(send((request, response) -> served.incrementAndGet()).getStatus()).isEqualTo(200);
        assertThat(inFlight.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
