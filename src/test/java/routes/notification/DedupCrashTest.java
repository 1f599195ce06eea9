package routes.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
    Intake intake;

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
        assertThat(dedup.add(ValidNotification.idOf(eventId))).isTrue();
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

    /**
     * The dead acceptor had published the notification, and fan-out delivered it. The client's
     * retry, once the lease ran out, publishes the same notification again: nothing is sent twice.
     */
    @Test
    void retryAfterACrashBetweenPublishAndConfirmationGetsTheOriginalDeliveredOnce() throws Exception {
        String token = apnsToken(unique("published"));
        String user = userWithDevice("ios", token);
        String eventId = unique("evt");
        String request = notification(eventId, user, ",\"body\":\"once only\"");
        AcceptedNotification original = deadAcceptorClaimed(eventId, request);
        sendToTopic("notify.accepted", original.notificationId(), json.writeValueAsString(original));
        assertThat(awaitSandbox(token, 1)).hasSize(1);

        Response retry = retryUntilTheLeaseRunsOut(request);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().path("notificationId").asText()).isEqualTo(original.notificationId());
        assertThat(awaitSettled(original.notificationId()).path("status").asText()).isEqualTo("DELIVERED");
        sendPush(user, ",\"body\":\"after the retry\"");
        awaitSandbox(token, 2);
        assertThat(sandbox(token)).extracting(m -> m.path("body").asText())
                .containsExactlyInAnyOrder("once only", "after the retry");
    }

    /**
     * A dedup store can lose its keys (the embedded default's memory in a crash, a Redis restarted
     * empty). A repeat then names the same notification, and fan-out, which recorded it, does not
     * send it again.
     */
    @Test
    void repeatAfterTheDedupStoreLostItsKeysKeepsItsIdAndIsNotSentAgain() {
        String token = apnsToken(unique("forgotten"));
        String user = userWithDevice("ios", token);
        String request = notification(unique("evt"), user, ",\"body\":\"remembered by the log\"");
        Response first = post("/api/v1/notifications", request);
        assertThat(first.status()).isEqualTo(202);
        String id = first.json().path("notificationId").asText();
        JsonNode original = awaitSettled(id);
        assertThat(original.path("status").asText()).isEqualTo("DELIVERED");

        dedup.clear();
        Response repeat = post("/api/v1/notifications", request);
        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.json().path("notificationId").asText()).isEqualTo(id);
        sendPush(user, ",\"body\":\"after the repeat\"");
        awaitSandbox(token, 2);
        assertThat(sandbox(token)).extracting(m -> m.path("body").asText())
                .containsExactlyInAnyOrder("remembered by the log", "after the repeat");
        // neither recorded again nor attempted again: the notification reads as it did
        assertThat(get("/api/v1/notifications/" + id).json()).isEqualTo(original);
        assertThat(post("/api/v1/notifications", request).json().path("duplicate").asBoolean()).isTrue();
    }

    /** What a hub that died after publishing a notification leaves behind: the record and an unconfirmed claim. */
    private AcceptedNotification deadAcceptorClaimed(String eventId, String request) {
        ValidNotification valid = validator.validated(request);
        assertThat(dedup.add(valid.notificationId())).isTrue();
        return intake.accept(valid);
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
