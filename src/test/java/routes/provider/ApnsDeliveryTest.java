package routes.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.server.RejectionReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import routes.sandbox.SandboxApnsServer;
import routes.support.HubTest;

/**
 * Push to iOS through the real Pushy client against Pushy's MockApnsServer, which checks the
 * provider token, topic, token form, priority and push type as APNs does.
 */
class ApnsDeliveryTest extends HubTest {

    @Autowired
    SandboxApnsServer apns;

    @Test
    void pushCarriesPriorityExpiryTopicAndKoreanPayloadSignedWithTheProviderToken() {
        String token = apnsToken(unique("device"));
        String user = userWithDevice("ios", token);
        Instant before = Instant.now();
        String notificationId = sendPush(user, ",\"title\":\"새 메시지 💬\",\"body\":\"안녕하세요 👋\",\"priority\":\"normal\","
                + "\"ttlSeconds\":3600,\"collapseKey\":\"thread-42\",\"data\":{\"threadId\":\"t-42\"}");

        JsonNode message = awaitSandbox(token, 1).get(0);
        assertThat(message.path("title").asText()).isEqualTo("새 메시지 💬");
        assertThat(message.path("body").asText()).isEqualTo("안녕하세요 👋");
        assertThat(message.path("data").path("threadId").asText()).isEqualTo("t-42");
        assertThat(message.path("notificationId").asText()).isEqualTo(notificationId);
        JsonNode headers = message.path("headers");
        assertThat(headers.path("apns-topic").asText()).isEqualTo("dev.notification-hub.sandbox");
        assertThat(headers.path("apns-priority").asText()).isEqualTo("5");
        assertThat(headers.path("apns-push-type").asText()).isEqualTo("alert");
        assertThat(headers.path("apns-collapse-id").asText()).isEqualTo("thread-42");
        long expiration = headers.path("apns-expiration").asLong();
        assertThat(expiration).isBetween(before.plusSeconds(3590).getEpochSecond(),
                Instant.now().plusSeconds(3610).getEpochSecond());

        JsonNode delivery = awaitDelivery(notificationId, "SENT");
        assertThat(delivery.path("providerMessageId").asText()).matches("[0-9a-f-]{36}");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void highPriorityIsImmediate() {
        String token = apnsToken(unique("device"));
        sendPush(userWithDevice("ios", token), ",\"body\":\"now\",\"priority\":\"high\"");
        assertThat(awaitSandbox(token, 1).get(0).path("headers").path("apns-priority").asText()).isEqualTo("10");
    }

    @Test
    void withoutACollapseKeyTheDeliveryIdCollapsesARepeatOnTheDevice() {
        JsonNode message = pushReceivedBy("ios", apnsToken(unique("device")), ",\"body\":\"shown once\"");
        assertThat(message.path("deliveryId").asText()).isNotBlank();
        assertThat(message.path("headers").path("apns-collapse-id").asText())
                .isEqualTo(message.path("deliveryId").asText());
    }

    @Test
    void macDevicesGetTheMacAppsTopic() {
        JsonNode message = pushReceivedBy("macos", apnsToken(unique("mac")), ",\"body\":\"on your Mac\"");
        assertThat(message.path("headers").path("apns-topic").asText()).isEqualTo("dev.notification-hub.sandbox.macos");
    }

    @Test
    void backgroundPushWakesTheAppWithDataAndNoAlertAtPriorityFive() {
        JsonNode message = pushReceivedBy("ios", apnsToken(unique("device")),
                ",\"body\":\"sync\",\"priority\":\"high\",\"background\":true,\"data\":{\"sync\":\"inbox\"}");
        assertThat(message.path("headers").path("apns-push-type").asText()).isEqualTo("background");
        assertThat(message.path("headers").path("apns-priority").asText()).isEqualTo("5");
        assertThat(message.has("title")).isFalse();
        assertThat(message.has("body")).isFalse();
        assertThat(message.path("data").path("sync").asText()).isEqualTo("inbox");
    }

    @Test
    void unregisteredTokenFailsTheDeliveryAndDeactivatesTheDeviceForGood() {
        String token = apnsToken(unique("uninstalled"));
        String user = userWithDevice("ios", token);
        apns.unregister(token);

        JsonNode delivery = awaitDelivery(sendPush(user, ",\"body\":\"hello?\""), "FAILED");
        assertThat(delivery.path("reason").asText()).isEqualTo("Unregistered");
        assertThat(delivery.path("lastError").asText()).contains("410");
        JsonNode device = get("/api/v1/users/" + user).json().path("devices").path(0);
        assertThat(device.path("active").asBoolean()).isFalse();

        // The next notification has no active device to go to, and the peer hears nothing.
        String next = sendPush(user, ",\"body\":\"still there?\"");
        JsonNode skipped = awaitDelivery(next, "SKIPPED");
        assertThat(skipped.path("reason").asText()).isEqualTo("NO_CONTACT");
        assertThat(sandbox(token)).isEmpty();
    }

    @Test
    void malformedTokenIsABadDeviceTokenAndDeactivated() {
        String user = userWithDevice("ios", "not-a-hex-token");
        JsonNode delivery = awaitDelivery(sendPush(user, ",\"body\":\"hi\""), "FAILED");
        assertThat(delivery.path("reason").asText()).isEqualTo("BadDeviceToken");
        assertThat(get("/api/v1/users/" + user).json().path("devices").path(0).path("active").asBoolean()).isFalse();
    }

    @Test
    void unavailableAndThrottledAnswersAreTriedAgainAndThenSent() {
        String token = apnsToken(unique("busy"));
        String user = userWithDevice("ios", token);

        apns.rejectNext(token, RejectionReason.SERVICE_UNAVAILABLE);
        JsonNode unavailable = awaitDelivery(sendPush(user, ",\"body\":\"one\""), "SENT");
        assertThat(unavailable.path("attempts").asInt()).isEqualTo(2);
        assertThat(unavailable.path("lastError").asText()).contains("503", "ServiceUnavailable");

        apns.rejectNext(token, RejectionReason.TOO_MANY_REQUESTS);
        JsonNode throttled = awaitDelivery(sendPush(user, ",\"body\":\"two\""), "SENT");
        assertThat(throttled.path("attempts").asInt()).isEqualTo(2);
        assertThat(throttled.path("lastError").asText()).contains("429", "TooManyRequests");

        // A transient refusal does not touch the device, and each push arrives once.
        assertThat(get("/api/v1/users/" + user).json().path("devices").path(0).path("active").asBoolean()).isTrue();
        assertThat(awaitSandbox(token, 2)).extracting(m -> m.path("body").asText()).containsExactly("one", "two");
    }

    @Test
    void pushPayloadOverFourKilobytesIsRefusedAtIntakeNotTruncated() {
        String user = userWithDevice("ios", apnsToken(unique("device")));
        String body = "가".repeat(1400); // 4,200 bytes in UTF-8
        Response refused = post("/api/v1/notifications", notification(unique("evt"), user,
                ",\"channels\":[\"push\"],\"body\":\"" + body + "\""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("APNs takes at most 4096");

        Response emailOnly = post("/api/v1/notifications", notification(unique("evt"), user,
                ",\"channels\":[\"email\"],\"body\":\"" + body + "\""));
        assertThat(emailOnly.status()).isEqualTo(202);
    }
}
