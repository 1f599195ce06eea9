package routes.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import routes.support.AlternateProviders;
import routes.support.HubTest;

/** A provider without its settings fails its deliveries with a reason, and the hub runs on. */
@AlternateProviders
class ProviderNotConfiguredTest extends HubTest {

    @Test
    void pushWithoutApnsTopicIsFailedAsNotConfiguredWhileEmailStillGoesOut() {
        String user = unique("unconfigured");
        String email = user + "@example.com";
        put("/api/v1/users/" + user, "{\"email\":\"" + email + "\"}");
        post("/api/v1/users/" + user + "/devices", "{\"platform\":\"ios\",\"token\":\"" + apnsToken(user) + "\"}");

        Response accepted = post("/api/v1/notifications", notification(unique("evt"), user,
                ",\"channels\":[\"push\",\"email\"],\"body\":\"hi\""));
        assertThat(accepted.status()).isEqualTo(202);
        String notificationId = accepted.json().path("notificationId").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String status = get("/api/v1/notifications/" + notificationId).json().path("status").asText();
            return status.equals("PARTIALLY_DELIVERED");
        });
        JsonNode deliveries = get("/api/v1/notifications/" + notificationId).json().path("deliveries");
        for (JsonNode delivery : deliveries) {
            if (delivery.path("provider").asText().equals("apns")) {
                assertThat(delivery.path("status").asText()).isEqualTo("FAILED");
                assertThat(delivery.path("reason").asText()).isEqualTo("PROVIDER_NOT_CONFIGURED");
                assertThat(delivery.path("lastError").asText()).contains("notify.providers.apns");
            } else {
                assertThat(delivery.path("status").asText()).isEqualTo("SENT");
            }
        }
        assertThat(deliveries).hasSize(2);
        assertThat(awaitSandbox(email, 1)).hasSize(1);
    }
}
