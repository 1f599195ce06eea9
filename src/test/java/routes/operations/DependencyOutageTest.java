package routes.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import routes.kafka.EmbeddedKafkaBroker;
import routes.support.HubTest;

/**
 * What an operator sees while the broker is away: readiness DOWN naming Kafka (the database still
 * up, and not part of readiness), notify_dependency_up 0 since the outage began, then 1 again once
 * the broker is back. The context is closed afterwards, broker and all.
 */
@DirtiesContext
class DependencyOutageTest extends HubTest {

    @Autowired
    EmbeddedKafkaBroker broker;

    @AfterEach
    void brokerBack() throws Exception {
        broker.start();
    }

    private double gauge(String name, String dependency) {
        Matcher value = Pattern.compile("(?m)^" + name + "\\{[^}]*dependency=\"" + dependency + "\"[^}]*\\} (\\S+)$")
                .matcher(get("/actuator/prometheus").body());
        assertThat(value.find()).as(name + " for " + dependency).isTrue();
        return Double.parseDouble(value.group(1));
    }

    @Test
    void readinessAndTheGaugeNameKafkaWhileItIsAwayAndSinceWhen() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(
                () -> call("GET", "/actuator/health/readiness", null, null).status() == 200);
        assertThat(gauge("notify_dependency_up", "kafka")).isEqualTo(1);

        Instant stopped = Instant.now();
        broker.stop();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response readiness = call("GET", "/actuator/health/readiness", null, null);
            assertThat(readiness.status()).isEqualTo(503);
            JsonNode dependencies = readiness.json().path("components").path("dependencies");
            assertThat(dependencies.path("components").path("kafka").path("status").asText()).isEqualTo("DOWN");
            assertThat(dependencies.path("components").has("database")).isFalse();
        });
        JsonNode health = get("/actuator/health/outages").json().path("components").path("dependencies");
        assertThat(health.path("components").path("kafka").path("status").asText()).isEqualTo("DOWN");
        assertThat(Instant.parse(health.path("components").path("kafka").path("details").path("since").asText()))
                .isAfterOrEqualTo(stopped.minusSeconds(1));
        assertThat(health.path("components").path("database").path("status").asText()).isEqualTo("UP");
        assertThat(gauge("notify_dependency_up", "kafka")).isZero();
        assertThat(gauge("notify_dependency_up", "database")).isEqualTo(1);
        assertThat(gauge("notify_dependency_changed_timestamp_seconds", "kafka"))
                .isGreaterThanOrEqualTo(stopped.getEpochSecond() - 1);
        assertThat(call("GET", "/actuator/health/liveness", null, null).status()).isEqualTo(200);

        broker.start();
        await().atMost(Duration.ofSeconds(60)).until(
                () -> call("GET", "/actuator/health/readiness", null, null).status() == 200);
        assertThat(gauge("notify_dependency_up", "kafka")).isEqualTo(1);
    }
}
