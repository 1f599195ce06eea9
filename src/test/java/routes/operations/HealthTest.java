package routes.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import routes.support.HubTest;

/**
 * What the Kubernetes probes ask: readiness waits for Camel's routes and Kafka consumers and for
 * Kafka itself, not for the database (accepting does not need it). Operators see each dependency
 * and each provider's circuit breaker in groups of their own.
 */
class HealthTest extends HubTest {

    private static List<String> components(JsonNode health) {
        List<String> names = new ArrayList<>();
        health.path("components").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void circuitsGroupNamesEachProvidersBreakerAndItsState() {
        Response circuits = call("GET", "/actuator/health/circuits", null, null);
        assertThat(circuits.status()).isEqualTo(200);
        JsonNode breakers = circuits.json().path("components").path("circuitBreakers").path("details");
        List<String> names = new ArrayList<>();
        breakers.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("apns-breaker", "fcm-breaker", "email-breaker", "sms-breaker");
        breakers.forEach(state -> assertThat(state.asText()).isIn("closed", "open", "half_open"));
    }

    @Test
    void outagesGroupNamesEachDependencyAndSinceWhenItIsInItsState() {
        Response outages = call("GET", "/actuator/health/outages", null, null);
        assertThat(outages.status()).isEqualTo(200);
        JsonNode dependencies = outages.json().path("components").path("dependencies");
        // the embedded default keeps its eventIds in memory: no Redis
        assertThat(components(dependencies)).containsExactlyInAnyOrder("kafka", "database");
        dependencies.path("components").forEach(dependency -> {
            assertThat(dependency.path("status").asText()).isEqualTo("UP");
            assertThat(dependency.path("details").path("since").asText()).isNotBlank();
        });
    }

    @Test
    void readinessCoversCamelAndKafkaButNotTheDatabaseAndLivenessNoDependency() {
        // as the kubelet does: a hub that has just started may still be starting its consumers
        await().atMost(Duration.ofSeconds(30))
                .until(() -> call("GET", "/actuator/health/readiness", null, null).status() == 200);
        Response readiness = call("GET", "/actuator/health/readiness", null, null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
        assertThat(components(readiness.json()))
                .containsExactlyInAnyOrder("readinessState", "camelHealth", "dependencies");
        assertThat(components(readiness.json().path("components").path("dependencies"))).containsExactly("kafka");

        Response liveness = call("GET", "/actuator/health/liveness", null, null);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(components(liveness.json())).containsExactly("livenessState");
    }
}
