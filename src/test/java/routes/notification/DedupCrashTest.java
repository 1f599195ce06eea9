package routes.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import routes.dedup.LeasedIdempotentRepository;
import routes.support.HubTest;

/**
 * The hub may die after it remembered an eventId but before the request was durable. The client's
 * retry with the same eventId must then be delivered, not answered as a duplicate.
 */
class DedupCrashTest extends HubTest {

    @Autowired
    LeasedIdempotentRepository dedup;

    @Autowired
    NotificationValidator validator;

    @Autowired
    NotificationStore notifications;

    @Autowired
    ObjectMapper json;

    @Test
    void retryAfterACrashBetweenDedupAndDurableIsDelivered() {
        String user = unique("crash-user");
        String token = apnsToken("ios-" + user);
        put("/api/v1/users/" + user, "{}");
        post("/api/v1/users/" + user + "/devices", "{\"platform\":\"ios\",\"token\":\"" + token + "\"}");
        String eventId = unique("evt");
        // What a hub that died mid-request leaves behind: a claim that was never confirmed.
        assertThat(dedup.add(eventId)).isTrue();
        String request = notification(eventId, user, ",\"body\":\"survived\"");

        Response whileLeased = post("/api/v1/notifications", request);
        assertThat(whileLeased.status()).isEqualTo(409);
        assertThat(whileLeased.contentType()).startsWith("application/problem+json");
        assertThat(whileLeased.header("Retry-After")).isEqualTo("1");

        // The test profile leases claims for 2 s; the client keeps retrying as told.
        Response[] retry = new Response[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
            retry[0] = post("/api/v1/notifications", request);
            return retry[0].status() != 409;
        });
        assertThat(retry[0].status()).isEqualTo(202);
        assertThat(awaitSandbox(token, 1)).extracting(m -> m.path("body").asText()).containsExactly("survived");

        Response duplicate = post("/api/v1/notifications", request);
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.json().path("notificationId").asText())
                .isEqualTo(retry[0].json().path("notificationId").asText());
    }

    @Test
    void retryAfterACrashBetweenPublishAndConfirmationGetsTheOriginalDeliveredOnce() throws Exception {
        String token = apnsToken(unique("published"));
        String user = userWithDevice("ios", token);
        String eventId = unique("evt");
        String request = notification(eventId, user, ",\"body\":\"once only\"");
        // The dead acceptor claimed the eventId, recorded the notification and published it.
        AcceptedNotification original = deadAcceptorRecorded(eventId, request);
        sendToTopic("notify.accepted", original.notificationId(), json.writeValueAsString(original));
        assertThat(awaitSandbox(token, 1)).hasSize(1);

        Response retry = retryUntilTheLeaseRunsOut(request);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().path("notificationId").asText()).isEqualTo(original.notificationId());
        assertThat(awaitSettled(original.notificationId()).path("status").asText()).isEqualTo("DELIVERED");
        // The retry published the notification again; fan-out and the worker knew it was sent.
        Thread.sleep(2000);
        assertThat(sandbox(token)).hasSize(1);
    }

    @Test
    void retryAfterACrashBetweenRecordAndPublishGetsTheOriginalDelivered() throws Exception {
        String token = apnsToken(unique("recorded"));
        String user = userWithDevice("ios", token);
        String eventId = unique("evt");
        String request = notification(eventId, user, ",\"body\":\"recorded, not published\"");
        AcceptedNotification original = deadAcceptorRecorded(eventId, request);

        Response retry = retryUntilTheLeaseRunsOut(request);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().path("notificationId").asText()).isEqualTo(original.notificationId());
        assertThat(awaitSandbox(token, 1)).extracting(m -> m.path("body").asText())
                .containsExactly("recorded, not published");
        assertThat(post("/api/v1/notifications", request).json().path("duplicate").asBoolean()).isTrue();
    }

    /** What a hub that died after recording a notification leaves behind: the row and an unconfirmed claim. */
    private AcceptedNotification deadAcceptorRecorded(String eventId, String request) throws Exception {
        assertThat(dedup.add(eventId)).isTrue();
        return notifications.record(validator.validate(request));
    }

    private Response retryUntilTheLeaseRunsOut(String request) {
        Response[] retry = new Response[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
            retry[0] = post("/api/v1/notifications", request);
            return retry[0].status() != 409;
        });
        return retry[0];
    }
}
