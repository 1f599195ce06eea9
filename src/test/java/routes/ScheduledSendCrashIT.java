package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import routes.support.PackagedHub;

/**
 * A scheduled notification survives a {@code kill -9}: the packaged jar holds it, is killed with
 * SIGKILL before its sendAt, and started again on the same data; the notification arrives once,
 * at its sendAt or as soon as the hub is back.
 */
class ScheduledSendCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "Bearer dev-secret-key";
    private static final String TOKEN = "scheduled-crash-token";

    @TempDir
    Path dataDir;

    private PackagedHub hub;

    @AfterEach
    void stopTheJar() throws InterruptedException {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aScheduledNotificationHeldWhenTheHubIsKilledIsSentOnceAfterTheRestart() throws Exception {
        hub = PackagedHub.start(dataDir);
        assertThat(call("PUT", "/api/v1/users/later", "{}").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/users/later/devices",
                "{\"platform\":\"android\",\"token\":\"" + TOKEN + "\"}").statusCode()).isEqualTo(201);
        Instant sendAt = Instant.now().plusSeconds(30);
        HttpResponse<String> accepted = call("POST", "/api/v1/notifications", "{\"eventId\":\"crash-later\","
                + "\"userId\":\"later\",\"body\":\"after the crash\",\"sendAt\":\"" + sendAt + "\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).path("notificationId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("SCHEDULED"));

        hub.kill();
        hub = hub.restart("hub-restarted.log");

        await().atMost(Duration.ofSeconds(90)).until(() -> received().size() >= 1);
        assertThat(Instant.parse(received().get(0).path("receivedAt").asText())).isAfterOrEqualTo(sendAt);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("DELIVERED"));
        // a release that published before the kill and one after it would both be fanned out once
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(received()).hasSize(1);
    }

    private String status(String notificationId) throws IOException {
        return JSON.readTree(call("GET", "/api/v1/notifications/" + notificationId, null).body()).path("status").asText();
    }

    private JsonNode received() throws IOException {
        return JSON.readTree(call("GET", "/api/v1/sandbox/messages?to=" + TOKEN, null).body()).path("messages");
    }

    private HttpResponse<String> call(String method, String path, String json) {
        return hub.send(method, path, json, BEARER);
    }
}
