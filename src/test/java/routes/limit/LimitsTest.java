package routes.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import routes.notification.ValidNotification;
import routes.support.HubClient;
import routes.support.HubTest;
import routes.support.Prometheus;

/**
 * Per-client limits through the REST API: a client over its requests or deliveries per second is
 * answered 429 with Retry-After, nothing of the refused request is accepted, other clients are
 * served, and the client is served again once it waited.
 */
class LimitsTest extends HubTest {

    @Autowired
    private BulkheadRegistry bulkheads;

    /** A client of the admin API, and its own key. */
    private record Client(String clientId, HubClient calls) {}

    private HubClient admin() {
        return new HubClient(port, KEY);
    }

    /** A new client holding {@code send}, with these limits (the body of PUT .../limits). */
    private Client sender(String limits) {
        String clientId = admin().createClient(unique("limited"), "send");
        admin().setLimits(clientId, limits);
        return new Client(clientId, admin().with(admin().issueKey(clientId, null).path("key").asText()));
    }

    private static Response statusOf(Client client, String notificationId) {
        return client.calls().call("GET", "/api/v1/notifications/" + notificationId, null);
    }

    /** Calls until one call is refused (at most {@code calls}); every other call is served. */
    private static Response firstRefusal(Client client, int calls) {
        for (int i = 0; i < calls; i++) {
            Response answer = statusOf(client, "none");
            if (answer.status() == 429) {
                return answer;
            }
            assertThat(answer.status()).as("served").isEqualTo(404);
        }
        throw new AssertionError("no call of " + calls + " was refused");
    }

    private double limited(String clientId, String limit) {
        return Prometheus.sum(get("/actuator/prometheus").body(), "notify_limited_requests_total",
                Map.of("client", clientId, "limit", limit));
    }

    private static void waitFor(Response refused) throws InterruptedException {
        Thread.sleep(Duration.ofSeconds(Long.parseLong(refused.header("Retry-After"))).toMillis());
    }

    @Test
    void aClientOverItsRequestsPerSecondIsAnswered429WithRetryAfterWhileAnotherClientIsServed() throws Exception {
        Client hasty = sender("{\"requestsPerSecond\": 1}");
        Client patient = sender("{\"requestsPerSecond\": 1}");

        Response refused = firstRefusal(hasty, 5);

        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().path("title").asText()).isEqualTo("Too many requests");
        assertThat(refused.json().path("status").asInt()).isEqualTo(429);
        assertThat(refused.json().path("detail").asText()).contains("requestsPerSecond limit of 1");
        assertThat(statusOf(patient, "none").status()).as("another client is served").isEqualTo(404);
        assertThat(limited(hasty.clientId(), "requests")).isGreaterThanOrEqualTo(1);
        assertThat(limited(patient.clientId(), "requests")).isZero();

        waitFor(refused);
        assertThat(statusOf(hasty, "none").status()).as("served again after Retry-After").isEqualTo(404);
    }

    @Test
    void aBulkOverTheDeliveriesPerSecondIsAnswered429AndNothingOfItIsAcceptedUntilTheClientWaited()
            throws Exception {
        Client sender = sender("{\"deliveriesPerSecond\": 2}");
        List<String> tokens = IntStream.range(0, 6).mapToObj(i -> unique("limited-device")).toList();
        List<String> users = tokens.stream().map(token -> userWithDevice("android", token)).toList();
        String first = bulk(unique("first"), users.subList(0, 3));
        String second = bulk(unique("second"), users.subList(3, 6));

        // three deliveries, more than the bucket holds: they pass while it is full, and one is owed
        assertThat(sender.calls().call("POST", "/api/v1/notifications", first).status()).isEqualTo(202);
        Response refused = sender.calls().call("POST", "/api/v1/notifications", second);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
        assertThat(refused.json().path("detail").asText()).contains("counts 3 deliveries",
                "deliveriesPerSecond limit of 2");
        String secondId = ValidNotification.idOf(sender.clientId(), eventIdOf(second));
        assertThat(statusOf(sender, secondId).status()).as("the refused notification was not accepted").isEqualTo(404);
        tokens.subList(0, 3).forEach(token -> awaitSandbox(token, 1));
        tokens.subList(3, 6).forEach(token -> assertThat(sandbox(token)).as("nothing delivered").isEmpty());
        assertThat(limited(sender.clientId(), "deliveries")).isGreaterThanOrEqualTo(1);

        waitFor(refused);
        Response retried = sender.calls().call("POST", "/api/v1/notifications", second);
        assertThat(retried.status()).as("accepted, neither a duplicate nor in flight: no claim was left")
                .isEqualTo(202);
        assertThat(retried.json().path("notificationId").asText()).isEqualTo(secondId);
        tokens.subList(3, 6).forEach(token -> assertThat(awaitSandbox(token, 1)).hasSize(1));
    }

    private String bulk(String eventId, List<String> users) {
        return "{\"eventId\":\"" + eventId + "\",\"userIds\":[\"" + String.join("\",\"", users)
                + "\"],\"channels\":[\"push\"],\"body\":\"limited\"}";
    }

    private static String eventIdOf(String request) {
        try {
            return JSON.readTree(request).path("eventId").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aChangedLimitAppliesToTheClientsNextRequest() {
        Client client = sender("{\"requestsPerSecond\": \"unlimited\"}");
        for (int i = 0; i < 20; i++) {
            assertThat(statusOf(client, "none").status()).isEqualTo(404);
        }
        admin().setLimits(client.clientId(), "{\"requestsPerSecond\": 1}");
        assertThat(firstRefusal(client, 5).status()).isEqualTo(429);
        await().atMost(Duration.ofSeconds(3)).until(() -> statusOf(client, "none").status() == 404);
    }

    @Test
    void aHubAtItsBoundOfRequestsInProgressAnswers503AtOnceAndStillAnswersItsProbes() {
        Bulkhead inFlight = bulkheads.bulkhead("api");
        BulkheadConfig configured = inFlight.getBulkheadConfig();
        assertThat(configured.getMaxConcurrentCalls()).isEqualTo(512);
        assertThat(Prometheus.sum(get("/actuator/prometheus").body(), "resilience4j_bulkhead_max_allowed_concurrent_calls",
                Map.of("name", "api"))).isEqualTo(512);
        inFlight.changeConfig(BulkheadConfig.from(configured).maxConcurrentCalls(0).build());
        try {
            Response refused = post("/api/v1/notifications", pushTo("at-capacity"));
            Response unauthenticated = new HubClient(port, "no-such-key").call("GET", "/api/v1/notifications/none", null);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.json().path("detail").asText()).contains("at capacity");
            assertThat(unauthenticated.status()).as("refused before the key is read").isEqualTo(503);
            assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(Prometheus.sum(get("/actuator/prometheus").body(), "notify_api_at_capacity_total", Map.of()))
                    .isGreaterThanOrEqualTo(2);
        } finally {
            inFlight.changeConfig(configured);
        }
        assertThat(post("/api/v1/notifications", pushTo("under-capacity")).status()).isEqualTo(202);
    }

    private String pushTo(String eventId) {
        return notification(unique(eventId), "capacity-user", ",\"channels\":[\"push\"],\"body\":\"b\"");
    }
}
