package routes.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import routes.support.HubTest;

class NotificationFlowTest extends HubTest {

    private record User(String id, String iosToken, String androidToken, String phone, String email) {}

    private User createUser(boolean withContacts) {
        String id = unique("user");
        String suffix = id.substring(id.length() - 8);
        String phone = "+8210" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String email = suffix + "@example.com";
        String profile = withContacts
                ? "{\"email\":\"" + email + "\",\"phone\":\"" + phone + "\",\"locale\":\"ko-KR\",\"timezone\":\"Asia/Seoul\"}"
                : "{}";
        assertThat(put("/api/v1/users/" + id, profile).status()).isEqualTo(200);
        if (!withContacts) {
            return new User(id, null, null, null, null);
        }
        String ios = apnsToken("ios-" + id);
        String android = "android-" + id;
        assertThat(post("/api/v1/users/" + id + "/devices", "{\"platform\":\"ios\",\"token\":\"" + ios + "\"}").status())
                .isEqualTo(201);
        assertThat(post("/api/v1/users/" + id + "/devices",
                "{\"platform\":\"android\",\"token\":\"" + android + "\"}").status()).isEqualTo(201);
        return new User(id, ios, android, phone, email);
    }

    @Test
    void notificationReachesEveryDeviceAndContactWithKoreanAndEmojiIntact() {
        User user = createUser(true);
        String title = "주문이 발송되었습니다 📦";
        String body = "고객님의 주문 #1234가 오늘 출발했어요 🚚✨";
        Response accepted = post("/api/v1/notifications", notification(unique("evt"), user.id(),
                ",\"category\":\"orders\",\"title\":\"" + title + "\",\"body\":\"" + body
                        + "\",\"data\":{\"orderId\":\"1234\",\"deepLink\":\"app://orders/1234\"}"));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isEqualTo("ACCEPTED");
        String notificationId = accepted.json().path("notificationId").asText();
        assertThat(notificationId).isNotBlank();

        for (String to : List.of(user.iosToken(), user.androidToken(), user.email())) {
            JsonNode messages = awaitSandbox(to, 1);
            assertThat(messages).hasSize(1);
            JsonNode message = messages.get(0);
            assertThat(message.path("title").asText()).isEqualTo(title);
            assertThat(message.path("body").asText()).isEqualTo(body);
            assertThat(message.path("notificationId").asText()).isEqualTo(notificationId);
        }
        for (String device : List.of(user.iosToken(), user.androidToken())) {
            JsonNode data = awaitSandbox(device, 1).get(0).path("data");
            assertThat(data.path("orderId").asText()).isEqualTo("1234");
            assertThat(data.path("deepLink").asText()).isEqualTo("app://orders/1234");
        }
        // An SMS carries the body alone, emoji included: Twilio, the embedded default's primary, sends UCS-2.
        JsonNode sms = awaitSandbox(user.phone(), 1);
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0).path("body").asText()).isEqualTo(body);
        assertThat(sms.get(0).path("headers").path("provider").asText()).isEqualTo("twilio");
        assertThat(awaitSandbox(user.iosToken(), 1).get(0).path("provider").asText()).isEqualTo("apns");
        assertThat(awaitSandbox(user.androidToken(), 1).get(0).path("provider").asText()).isEqualTo("fcm");

        JsonNode status = awaitSettled(notificationId);
        assertThat(status.path("status").asText()).isEqualTo("DELIVERED");
        List<String> providers = new ArrayList<>();
        for (JsonNode delivery : status.path("deliveries")) {
            assertThat(delivery.path("status").asText()).isEqualTo("SENT");
            assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.path("providerMessageId").asText()).isNotBlank();
            assertThat(delivery.path("recipient").asText()).doesNotContain(user.id().substring(5));
            providers.add(delivery.path("provider").asText());
        }
        assertThat(providers).containsExactlyInAnyOrder("apns", "fcm", "sms", "email");

        JsonNode summaryOnly = get("/api/v1/notifications/" + notificationId + "?deliveries=false").json();
        assertThat(summaryOnly.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(summaryOnly.path("summary").path("SENT").asInt()).isEqualTo(4);
        assertThat(summaryOnly.has("deliveries")).isFalse();
    }

    @Test
    void answersCarryTheirLengthRatherThanComingInChunks() {
        User user = createUser(false);
        Response accepted = post("/api/v1/notifications", notification(unique("evt"), user.id(), ",\"body\":\"sized\""));
        Response refused = post("/api/v1/notifications", "{\"eventId\":");

        assertThat(List.of(accepted.status(), refused.status())).containsExactly(202, 400);
        for (Response answer : List.of(accepted, refused)) {
            assertThat(answer.header("Transfer-Encoding")).as("chunked?").isNull();
            assertThat(answer.header("Content-Length"))
                    .isEqualTo(String.valueOf(answer.body().getBytes(StandardCharsets.UTF_8).length));
        }
    }

    @Test
    void duplicateEventIdIsAnsweredWithTheOriginalAndDeliveredOnce() {
        User user = createUser(true);
        String eventId = unique("evt");
        String request = notification(eventId, user.id(), ",\"channels\":[\"push\"],\"body\":\"once only\"");

        Response first = post("/api/v1/notifications", request);
        Response again = post("/api/v1/notifications", request);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.json().path("notificationId").asText())
                .isEqualTo(first.json().path("notificationId").asText());

        // Deliveries to one user keep their order, so once a later marker arrived, a second copy
        // of the duplicate would have arrived before it.
        post("/api/v1/notifications", notification(unique("evt"), user.id(), ",\"channels\":[\"push\"],\"body\":\"marker\""));
        JsonNode received = awaitSandbox(user.iosToken(), 2);
        assertThat(received).extracting(m -> m.path("body").asText()).containsExactly("once only", "marker");
    }

    @Test
    void optedOutChannelsAreSkippedButLoggedAndCategoryRulesOverrideChannelDefaults() {
        User user = createUser(true);
        Response preferences = put("/api/v1/users/" + user.id() + "/preferences",
                "{\"channels\":{\"email\":false,\"sms\":true},"
                        + "\"categories\":{\"marketing\":{\"sms\":false},\"security\":{\"email\":true}}}");
        assertThat(preferences.status()).isEqualTo(200);

        String marketing = post("/api/v1/notifications", notification(unique("evt"), user.id(),
                ",\"category\":\"marketing\",\"body\":\"sale\"")).json().path("notificationId").asText();
        String security = post("/api/v1/notifications", notification(unique("evt"), user.id(),
                ",\"category\":\"security\",\"channels\":[\"email\"],\"body\":\"new login\"")).json()
                .path("notificationId").asText();

        JsonNode marketingStatus = awaitSettled(marketing);
        assertThat(statusByChannel(marketingStatus, "email")).containsExactly("SKIPPED:OPTED_OUT");
        assertThat(statusByChannel(marketingStatus, "sms")).containsExactly("SKIPPED:OPTED_OUT");
        assertThat(statusByChannel(marketingStatus, "push")).containsExactly("SENT", "SENT");

        JsonNode securityStatus = awaitSettled(security);
        assertThat(statusByChannel(securityStatus, "email")).containsExactly("SENT");

        assertThat(awaitSandbox(user.email(), 1)).extracting(m -> m.path("body").asText()).containsExactly("new login");
        assertThat(sandbox(user.phone())).isEmpty();
        assertThat(awaitSandbox(user.iosToken(), 1)).extracting(m -> m.path("body").asText()).containsExactly("sale");
    }

    @Test
    void userWithoutContactsYieldsARecordedNotificationThatSaysSo() {
        User user = createUser(false);
        Response accepted = post("/api/v1/notifications", notification(unique("evt"), user.id(), ",\"body\":\"hello\""));
        assertThat(accepted.status()).isEqualTo(202);

        JsonNode status = awaitSettled(accepted.json().path("notificationId").asText());
        assertThat(status.path("status").asText()).isEqualTo("SKIPPED");
        assertThat(status.path("deliveries")).extracting(d -> d.path("channel").asText() + ":" + d.path("reason").asText())
                .containsExactlyInAnyOrder("push:NO_CONTACT", "sms:NO_CONTACT", "email:NO_CONTACT");
    }

    @Test
    void notificationToManyUsersReachesEachOnTheRequestedChannelsOnly() {
        User first = createUser(true);
        User second = createUser(true);
        String unknown = unique("nobody");
        Response accepted = post("/api/v1/notifications", "{\"eventId\":\"" + unique("evt") + "\",\"userIds\":[\""
                + first.id() + "\",\"" + second.id() + "\",\"" + unknown + "\"],\"channels\":[\"sms\"],\"body\":\"hi\"}");
        assertThat(accepted.status()).isEqualTo(202);

        JsonNode status = awaitSettled(accepted.json().path("notificationId").asText());
        assertThat(status.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(status.path("deliveries")).extracting(d -> d.path("userId").asText() + ":" + d.path("status").asText())
                .containsExactlyInAnyOrder(first.id() + ":SENT", second.id() + ":SENT", unknown + ":SKIPPED");
        assertThat(awaitSandbox(first.phone(), 1)).hasSize(1);
        assertThat(awaitSandbox(second.phone(), 1)).hasSize(1);
        assertThat(sandbox(first.iosToken())).isEmpty();
        assertThat(sandbox(first.email())).isEmpty();
    }

    private static List<String> statusByChannel(JsonNode notification, String channel) {
        List<String> statuses = new ArrayList<>();
        for (JsonNode delivery : notification.path("deliveries")) {
            if (delivery.path("channel").asText().equals(channel)) {
                String reason = delivery.path("reason").asText("");
                statuses.add(delivery.path("status").asText() + (reason.isEmpty() ? "" : ":" + reason));
            }
        }
        return statuses;
    }
}
