package routes.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import routes.kafka.EmbeddedKafkaBroker;
import routes.support.HubTest;

/**
 * The broker goes away: the hub stops being ready (the Service sends it no more requests) but stays
 * alive (Kubernetes does not restart it). The context is closed afterwards, broker and all.
 */
@DirtiesContext
class KafkaOutageTest extends HubTest {

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void withoutKafkaTheHubIsNotReadyButAlive() {
        assertThat(call("GET", "/actuator/health/readiness", null, null).status()).isEqualTo(200);

        broker.stop();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response readiness = call("GET", "/actuator/health/readiness", null, null);
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().path("status").asText()).isEqualTo("DOWN");
            // Camel's Kafka consumer checks; the database is still there
            assertThat(readiness.json().path("components").path("camelHealth").path("status").asText())
                    .isEqualTo("DOWN");
            assertThat(readiness.json().path("components").path("db").path("status").asText()).isEqualTo("UP");
        });
        assertThat(call("GET", "/actuator/health/liveness", null, null).status()).isEqualTo(200);
    }
}
