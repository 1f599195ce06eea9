package routes.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** The web server takes requests before Camel's routes start and while they stop: those are 503, not 404. */
class ApiGuardFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requestsBeforeTheRoutesStartAndWhileTheyStopAreAskedToComeBack() throws Exception {
        RoutesRunning routes = new RoutesRunning();
        ApiGuardFilter filter = new ApiGuardFilter(routes, DataSize.ofKilobytes(64), JSON);
        CountDownLatch release = new CountDownLatch(1);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getManagementStrategy().addEventNotifier(routes);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in-flight").process(exchange -> release.await(10, TimeUnit.SECONDS));
                }
            });

            assertUnavailable(answer(filter));

            camel.start();
            MockHttpServletResponse served = answer(filter);
            assertThat(served.getStatus()).isEqualTo(200);

            // an exchange in flight holds the routes stopping, as a request or a send would
            camel.createProducerTemplate().asyncSendBody("direct:in-flight", "");
            await().until(() -> camel.getInflightRepository().size() == 1);
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(camel::stop);
            await().atMost(Duration.ofSeconds(5)).until(() -> answer(filter).getStatus() == 503);
            assertThat(stopped).isNotDone();
            assertUnavailable(answer(filter));
            release.countDown();
            stopped.get(10, TimeUnit.SECONDS);
            assertUnavailable(answer(filter));
        }
    }

    private static void assertUnavailable(MockHttpServletResponse answer) throws Exception {
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeader("Retry-After")).isEqualTo("5");
        assertThat(answer.getContentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.getContentAsString()).path("detail").asText()).contains("starting or stopping");
    }

    private static MockHttpServletResponse answer(ApiGuardFilter filter) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/notifications/n");
        request.setServletPath("/api/v1/notifications/n");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
