package routes.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import routes.support.HubTest;

/**
 * What the Kubernetes probes ask: readiness waits for the database and Camel's routes and Kafka
 * consumers. Operators see each provider's circuit breaker in its own group.
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
    void readinessCoversTheDatabaseAndCamelAndLivenessDoesNotDependOnKafka() {
        Response readiness = call("GET", "/actuator/health/readiness", null, null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
        assertThat(components(readiness.json())).containsExactlyInAnyOrder("readinessState", "db", "camelHealth");

        Response liveness = call("GET", "/actuator/health/liveness", null, null);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(components(liveness.json())).containsExactly("livenessState");
    }
}
