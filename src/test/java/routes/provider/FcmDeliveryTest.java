package routes.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import routes.sandbox.SandboxFcmServer;
import routes.sandbox.SandboxFcmServer.Refusal;
import routes.support.HubTest;

/**
 * Push to Android and browsers through the real firebase-admin client against the sandbox's FCM
 * HTTP v1 endpoint, which checks the access token and message as FCM does and answers in its format.
 */
class FcmDeliveryTest extends HubTest {

    private static final Pattern SECONDS = Pattern.compile("(\\d+)s?");

    @Autowired
    SandboxFcmServer fcm;

    /** A user with an Android device whose next sends the sandbox refuses this way. */
    private String userRefusedNext(String token, Refusal refusal, int times) {
        String user = userWithDevice("android", token);
        for (int i = 0; i < times; i++) {
            fcm.refuseNext(token, refusal);
        }
        return user;
    }

    private boolean deviceActive(String user) {
        return get("/api/v1/users/" + user).json().path("devices").path(0).path("active").asBoolean();
    }

    private static long seconds(JsonNode value) {
        Matcher matcher = SECONDS.matcher(value.asText());
        assertThat(matcher.matches()).as("a whole number of seconds: %s", value).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    @Test
    void androidPushCarriesKoreanTextDataPriorityAndTtlForAndroidAndWeb() {
        String token = unique("android-token");
        String user = userWithDevice("android", token);
        String notificationId = sendPush(user, ",\"title\":\"새 메시지 💬\",\"body\":\"안녕하세요 👋\",\"priority\":\"normal\","
                + "\"ttlSeconds\":3600,\"collapseKey\":\"thread-42\",\"data\":{\"threadId\":\"t-42\"}");

        JsonNode message = awaitSandbox(token, 1).get(0);
        assertThat(message.path("provider").asText()).isEqualTo("fcm");
        assertThat(message.path("title").asText()).isEqualTo("새 메시지 💬");
        assertThat(message.path("body").asText()).isEqualTo("안녕하세요 👋");
        assertThat(message.path("data").properties()).extracting(e -> e.getKey() + "=" + e.getValue().asText())
                .containsExactly("threadId=t-42");
        assertThat(message.path("notificationId").asText()).isEqualTo(notificationId);
        assertThat(message.path("priority").asText()).isEqualTo("normal");
        JsonNode headers = message.path("headers");
        assertThat(headers.path("android.priority").asText()).isEqualTo("normal");
        assertThat(seconds(headers.path("android.ttl"))).isBetween(3590L, 3600L);
        assertThat(headers.path("android.collapse_key").asText()).isEqualTo("thread-42");
        assertThat(headers.path("android.notification.channel_id").asText()).isEqualTo("hub-notifications");
        assertThat(headers.path("android.notification.tag").asText()).isEqualTo("thread-42");
        assertThat(headers.path("webpush.notification.tag").asText()).isEqualTo("thread-42");
        assertThat(headers.path("webpush.Urgency").asText()).isEqualTo("normal");
        assertThat(seconds(headers.path("webpush.TTL"))).isBetween(3590L, 3600L);
        assertThat(headers.has("webpush.link")).isFalse();

        JsonNode delivery = awaitDelivery(notificationId, "SENT");
        assertThat(message.path("deliveryId").asText()).isEqualTo(delivery.path("deliveryId").asText());
        assertThat(delivery.path("providerMessageId").asText())
                .matches("projects/" + SandboxFcmServer.PROJECT_ID + "/messages/[0-9a-f-]{36}");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void webDeviceGetsTheHttpsLinkAndHighPriorityIsUrgentWithoutTtlWhenNoneWasAsked() {
        JsonNode message = pushReceivedBy("web", unique("web-token"), ",\"body\":\"your report is ready\","
                + "\"data\":{\"link\":\"https://app.example.com/reports/7\"}");
        assertThat(message.path("data").path("link").asText()).isEqualTo("https://app.example.com/reports/7");
        JsonNode headers = message.path("headers");
        assertThat(headers.path("webpush.link").asText()).isEqualTo("https://app.example.com/reports/7");
        assertThat(headers.path("webpush.Urgency").asText()).isEqualTo("high");
        assertThat(headers.path("android.priority").asText()).isEqualTo("high");
        assertThat(headers.has("webpush.TTL")).isFalse();
        assertThat(headers.has("android.ttl")).isFalse();
        // without a collapse key the delivery id tags it: sent again after a crash, it replaces itself
        assertThat(headers.path("webpush.notification.tag").asText()).isEqualTo(message.path("deliveryId").asText());
        assertThat(headers.path("android.notification.tag").asText()).isEqualTo(message.path("deliveryId").asText());
    }

    @Test
    void backgroundPushIsADataOnlyMessage() {
        JsonNode message = pushReceivedBy("android", unique("android-token"),
                ",\"body\":\"sync\",\"background\":true,\"data\":{\"sync\":\"inbox\"}");
        assertThat(message.has("title")).isFalse();
        assertThat(message.has("body")).isFalse();
        assertThat(message.path("data").path("sync").asText()).isEqualTo("inbox");
        assertThat(message.path("headers").has("android.notification.tag")).isFalse();
    }

    @Test
    void linkThatIsNotHttpsStaysDataAndIsNotMadeTheWebLink() {
        String token = unique("web-token");
        sendPush(userWithDevice("web", token), ",\"body\":\"hi\",\"data\":{\"link\":\"http://app.example.com/x\"}");

        JsonNode message = awaitSandbox(token, 1).get(0);
        assertThat(message.path("data").path("link").asText()).isEqualTo("http://app.example.com/x");
        assertThat(message.path("headers").has("webpush.link")).isFalse();
    }

    @Test
    void unregisteredTokenFailsTheDeliveryAndDeactivatesTheDeviceForGood() {
        String token = unique("uninstalled");
        String user = userRefusedNext(token, Refusal.UNREGISTERED, 1);

        JsonNode delivery = awaitDelivery(sendPush(user, ",\"body\":\"hello?\""), "FAILED");
        assertThat(delivery.path("reason").asText()).isEqualTo("UNREGISTERED");
        assertThat(delivery.path("lastError").asText()).contains("HTTP 404");
        assertThat(deviceActive(user)).isFalse();

        // The next notification has no active device to go to, and the peer hears nothing.
        JsonNode skipped = awaitDelivery(sendPush(user, ",\"body\":\"still there?\""), "SKIPPED");
        assertThat(skipped.path("reason").asText()).isEqualTo("NO_CONTACT");
        assertThat(fcm.requestsFor(token)).isEqualTo(1);
        assertThat(sandbox(token)).isEmpty();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Refusal.INVALID_ARGUMENT, "400"),
                Arguments.of(Refusal.SENDER_ID_MISMATCH, "403"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void badTokenRefusalFailsTheDeliveryAndDeactivatesTheDevice(Refusal refusal, String httpStatus) {
        String token = unique("refused");
        String user = userRefusedNext(token, refusal, 1);

        JsonNode delivery = awaitDelivery(sendPush(user, ",\"body\":\"hi\""), "FAILED");
        assertThat(delivery.path("reason").asText()).isEqualTo(refusal.name());
        assertThat(delivery.path("lastError").asText()).contains("HTTP " + httpStatus);
        assertThat(fcm.requestsFor(token)).isEqualTo(1);
        assertThat(deviceActive(user)).isFalse();
        assertThat(sandbox(token)).isEmpty();
    }

    static Stream<Arguments> transientRefusals() {
        return Stream.of(
                Arguments.of(Refusal.QUOTA_EXCEEDED, 1, "429"),
                Arguments.of(Refusal.INTERNAL, 1, "500"),
                // firebase-admin retries a 503 itself, four times, before it reports it
                Arguments.of(Refusal.UNAVAILABLE, 5, "503"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientRefusals")
    void transientRefusalIsTriedAgainAndThenSent(Refusal refusal, int times, String httpStatus) {
        String token = unique("busy");
        String user = userRefusedNext(token, refusal, times);

        JsonNode delivery = awaitDelivery(sendPush(user, ",\"body\":\"hi\""), "SENT");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.path("lastError").asText()).contains("HTTP " + httpStatus);
        if (refusal == Refusal.QUOTA_EXCEEDED) {
            assertThat(delivery.path("lastError").asText()).as("FCM's Retry-After is read").contains("retry after 1s");
        }
        assertThat(fcm.requestsFor(token)).isEqualTo(times + 1);
        assertThat(deviceActive(user)).isTrue();
        assertThat(awaitSandbox(token, 1)).hasSize(1);
    }

    @Test
    void singleUnavailableIsRetriedByFirebaseAdminAndSent() {
        String token = unique("blip");
        String user = userRefusedNext(token, Refusal.UNAVAILABLE, 1);

        JsonNode delivery = awaitDelivery(sendPush(user, ",\"body\":\"made it\""), "SENT");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
        assertThat(fcm.requestsFor(token)).isEqualTo(2);
        assertThat(awaitSandbox(token, 1)).hasSize(1);
    }

    @Test
    void sandboxFcmRefusesCallsWithoutItsAccessToken() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fcm.port() + "/v1/projects/"
                        + SandboxFcmServer.PROJECT_ID + "/messages:send"))
                .header("Authorization", "Bearer not-the-token")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":{\"token\":\"t\"}}"))
                .build();
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newHttpClient()) {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        }

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").path("status").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(fcm.requestsFor("t")).isZero();
    }
}
