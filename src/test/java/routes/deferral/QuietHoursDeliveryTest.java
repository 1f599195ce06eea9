package routes.deferral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import routes.sandbox.SandboxTwilioServer;
import routes.support.HubTest;
import routes.support.MovableClock;

/**
 * Quiet hours through the API: a push inside the user's window waits, DEFERRED, until the window
 * ends in the user's time zone, then reaches the device; the hub's clock is moved ahead rather
 * than waited for.
 */
class QuietHoursDeliveryTest extends HubTest {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @Autowired
    MovableClock clock;

    @Autowired
    SandboxTwilioServer twilio;

    @Autowired
    CircuitBreakerRegistry breakers;

    /** A user in {@code zone} with one device and a mailbox, whose quiet hours began an hour ago and end in two. */
    private String quietUser(ZoneId zone, String token, String mailbox) {
        String user = unique("sleeper");
        assertThat(put("/api/v1/users/" + user, "{\"timezone\": \"" + zone + "\", \"email\": \"" + mailbox + "\"}")
                .status()).isEqualTo(200);
        assertThat(post("/api/v1/users/" + user + "/devices", "{\"platform\": \"ios\", \"token\": \"" + token + "\"}")
                .status()).isEqualTo(201);
        LocalTime now = clock.instant().atZone(zone).toLocalTime();
        Response set = put("/api/v1/users/" + user + "/preferences", "{\"quietHours\": {\"start\": \""
                + now.minusHours(1).format(HH_MM) + "\", \"end\": \"" + now.plusHours(2).format(HH_MM) + "\"}}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().path("quietHours").path("channels").toString()).isEqualTo("[\"push\",\"sms\"]");
        return user;
    }

    /** When the window set by {@link #quietUser} ends: the minute two hours from now, in the user's zone. */
    private Instant windowEnd(ZoneId zone) {
        ZonedDateTime now = clock.instant().atZone(zone);
        LocalTime end = now.toLocalTime().plusHours(2).truncatedTo(ChronoUnit.MINUTES);
        LocalDate day = end.isBefore(now.toLocalTime()) ? now.toLocalDate().plusDays(1) : now.toLocalDate();
        return ZonedDateTime.of(day, end, zone).toInstant();
    }

    @Test
    void aPushInsideQuietHoursIsDeferredUntilTheWindowEndsAndThenSent() {
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        String token = apnsToken(unique("device"));
        String mailbox = unique("sleeper") + "@example.com";
        String user = quietUser(seoul, token, mailbox);
        Instant end = windowEnd(seoul);

        Response accepted = post("/api/v1/notifications",
                notification(unique("evt"), user, ",\"channels\": [\"push\", \"email\"], \"body\": \"Shipped\""));
        String notificationId = accepted.json().path("notificationId").asText();
        JsonNode push = awaitChannel(notificationId, "push", "DEFERRED");
        assertThat(Instant.parse(push.path("notBefore").asText())).isEqualTo(end);
        String digest = sendPush(user, ",\"body\": \"Weekly digest\", \"priority\": \"bulk\"");
        awaitChannel(digest, "push", "DEFERRED");
        assertThat(awaitChannel(notificationId, "email", "SENT").path("notBefore").isMissingNode())
                .as("email is not held by default").isTrue();
        assertThat(get("/api/v1/notifications/" + notificationId).json().path("status").asText())
                .isEqualTo("IN_PROGRESS");
        assertThat(awaitSandbox(mailbox, 1)).hasSize(1);
        assertThat(sandbox(token)).as("nothing reaches the device during quiet hours").isEmpty();

        clock.moveAhead(Duration.between(clock.instant(), end).plusSeconds(1));

        assertThat(awaitSandbox(token, 2)).hasSize(2);
        // each released to its own lane
        assertThat(awaitRecords("notify.apns", notificationId, 1)).hasSize(1);
        assertThat(awaitRecords("notify.apns.bulk", digest, 1)).hasSize(1);
        JsonNode sent = awaitChannel(notificationId, "push", "SENT");
        assertThat(Instant.parse(sent.path("notBefore").asText())).as("kept once sent").isEqualTo(end);
        assertThat(awaitSettled(notificationId).path("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void aPushWhoseTtlEndsBeforeTheWindowIsSkippedNotHeld() {
        String token = apnsToken(unique("device"));
        String user = quietUser(ZoneId.of("Asia/Seoul"), token, unique("m") + "@example.com");

        String notificationId = sendPush(user, ",\"body\": \"Your code is 123456\", \"ttlSeconds\": 300");

        JsonNode push = awaitChannel(notificationId, "push", "SKIPPED");
        assertThat(push.path("reason").asText()).isEqualTo("QUIET_HOURS");
        assertThat(awaitSettled(notificationId).path("status").asText()).isEqualTo("SKIPPED");
        assertThat(sandbox(token)).isEmpty();
    }

    @Test
    void aCategoryThatBypassesQuietHoursIsSentAtOnce() {
        String category = unique("security");
        assertThat(put("/api/v1/categories/" + category, "{\"bypassQuietHours\": true}").status()).isEqualTo(200);
        String token = apnsToken(unique("device"));
        String user = quietUser(ZoneId.of("America/New_York"), token, unique("m") + "@example.com");

        String notificationId = sendPush(user, ",\"body\": \"Sale\", \"category\": \"" + category + "\"");

        assertThat(awaitChannel(notificationId, "push", "SENT").path("notBefore").isMissingNode()).isTrue();
        assertThat(awaitSandbox(token, 1)).hasSize(1);
    }

    /**
     * An SMS sent before the user's quiet hours begin, that the provider asks to try again in an
     * hour, when they will have begun: its next attempt is due when they end, not in the night.
     */
    @Test
    void aRetryThatWouldFallInsideQuietHoursIsDueWhenTheyEnd() {
        CircuitBreaker breaker = breakers.circuitBreaker("sms-breaker");
        breaker.reset();
        try {
            ZoneId seoul = ZoneId.of("Asia/Seoul");
            String phone = koreanMobile();
            String user = unique("late");
            assertThat(put("/api/v1/users/" + user, "{\"timezone\": \"" + seoul + "\", \"phone\": \"" + phone + "\"}")
                    .status()).isEqualTo(200);
            LocalTime now = clock.instant().atZone(seoul).toLocalTime();
            assertThat(put("/api/v1/users/" + user + "/preferences", "{\"quietHours\": {\"start\": \""
                    + now.plusMinutes(30).format(HH_MM) + "\", \"end\": \"" + now.plusHours(2).format(HH_MM) + "\"}}")
                    .status()).isEqualTo(200);
            Duration untilTheEnd = Duration.between(clock.instant(), windowEnd(seoul));
            // SENS cannot carry the emoji, so nothing fails over: the retry waits for Twilio
            twilio.failNext(phone, 1, 429, Duration.ofHours(1));
            Instant asked = Instant.now();

            String notificationId = post("/api/v1/notifications", notification(unique("evt"), user,
                    ",\"channels\": [\"sms\"], \"body\": \"배송이 늦어져요 ⏰\"")).json().path("notificationId").asText();

            JsonNode retrying = awaitChannel(notificationId, "sms", "RETRYING");
            assertThat(Instant.parse(retrying.path("nextAttemptAt").asText()))
                    .isCloseTo(asked.plus(untilTheEnd), within(2, ChronoUnit.SECONDS));
        } finally {
            breaker.reset();
        }
    }

    @Test
    void aBadWindowOrTimeZoneIsA400NamingTheField() {
        String user = unique("user");
        assertThat(put("/api/v1/users/" + user, "{}").status()).isEqualTo(200);
        Response badTime = put("/api/v1/users/" + user + "/preferences",
                "{\"quietHours\": {\"start\": \"25:00\", \"end\": \"8am\"}}");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.contentType()).startsWith("application/problem+json");
        assertThat(badTime.json().path("errors").findValuesAsText("field"))
                .containsExactly("quietHours.start", "quietHours.end");
        Response unknownField = put("/api/v1/users/" + user + "/preferences",
                "{\"quietHours\": {\"start\": \"22:00\", \"end\": \"08:00\", \"days\": [\"mon\"]}}");
        assertThat(unknownField.json().path("errors").findValuesAsText("field")).containsExactly("quietHours.days");
        Response badZone = put("/api/v1/users/" + user, "{\"timezone\": \"Mars/Olympus_Mons\"}");
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.json().path("errors").findValuesAsText("field")).containsExactly("timezone");
    }

    /** Waits until the notification's delivery on this channel has this status, and returns it. */
    private JsonNode awaitChannel(String notificationId, String channel, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(
                channelOf(notificationId, channel).path("status").asText()));
        return channelOf(notificationId, channel);
    }

    private JsonNode channelOf(String notificationId, String channel) {
        for (JsonNode delivery : get("/api/v1/notifications/" + notificationId).json().path("deliveries")) {
            if (delivery.path("channel").asText().equals(channel)) {
                return delivery;
            }
        }
        return MissingNode.getInstance();
    }
}
