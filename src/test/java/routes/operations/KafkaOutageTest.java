package routes.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import routes.kafka.EmbeddedKafkaBroker;
import routes.support.HubTest;

/**
 * The broker goes away: the hub stops being ready (the Service sends it no more requests) but stays
 * alive (Kubernetes does not restart it), and a request it cannot accept is answered 503 with
 * Retry-After within notify.intake.timeout (5 s); once the broker is back, the same request is
 * accepted, not taken for a duplicate, and on notify.accepted, and after a 20 s outage it reaches
 * the device within 30 s of the broker's return. The context is closed afterwards, broker and all.
 */
@DirtiesContext
class KafkaOutageTest extends HubTest {

    private static final Duration INTAKE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @Autowired
    EmbeddedKafkaBroker broker;

    @AfterEach
    void brokerBack() throws Exception {
        broker.start();
    }

    @Test
    void withoutKafkaTheHubIsNotReadyButAlive() {
        // ready again after the other test's outage, once the consumers are back
        await().atMost(Duration.ofSeconds(60)).until(
                () -> call("GET", "/actuator/health/readiness", null, null).status() == 200);

        broker.stop();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response readiness = call("GET", "/actuator/health/readiness", null, null);
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().path("status").asText()).isEqualTo("DOWN");
            // Camel's Kafka consumer checks, and the hub's own check of the broker names it
            assertThat(readiness.json().path("components").path("camelHealth").path("status").asText())
                    .isEqualTo("DOWN");
            assertThat(readiness.json().path("components").path("dependencies").path("components").path("kafka")
                    .path("status").asText()).isEqualTo("DOWN");
        });
        assertThat(call("GET", "/actuator/health/liveness", null, null).status()).isEqualTo(200);
    }

    @Test
    void withoutKafkaIntakeAnswers503InTimeAndAcceptsTheRetryOnceItIsBack() throws Exception {
        String token = apnsToken(unique("outage"));
        String user = userWithDevice("ios", token);
        sendPush(user, ",\"body\":\"before\"");

        Instant stopped = Instant.now();
        broker.stop();
        String request = notification(unique("evt"), user, ",\"channels\":[\"push\"],\"body\":\"while Kafka was away\"");
        for (int i = 0; i < 2; i++) {
            long started = System.nanoTime();
            Response refused = post("/api/v1/notifications", request);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(refused.json().path("detail").asText()).contains("Kafka is unavailable");
            assertThat(took).isLessThan(INTAKE_TIMEOUT.plusSeconds(2));
        }

        // away as long as in operation: after a few seconds the rejoin waited out the groups' lost members
        Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(stopped, Instant.now())).toMillis()));
        broker.start();
        Instant back = Instant.now();
        // the claim was released: the client's retry with the same eventId is accepted, not a duplicate
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> post("/api/v1/notifications", request).status() == 202);
        String notificationId = post("/api/v1/notifications", request).json().path("notificationId").asText();
        assertThat(awaitRecords("notify.accepted", notificationId, 1)).isNotEmpty();

        // fan-out and the worker rejoin their groups within seconds (session.timeout.ms), not the
        // 45 s Kafka's default leaves a group waiting for members it lost with the broker
        await().atMost(RECOVERY.minus(Duration.between(back, Instant.now())))
                .until(() -> sandbox(token).size() >= 2);
        assertThat(Duration.between(back, Instant.now())).isLessThan(RECOVERY);
        assertThat(sandbox(token)).extracting(m -> m.path("body").asText())
                .containsExactlyInAnyOrder("before", "while Kafka was away");
    }
}
