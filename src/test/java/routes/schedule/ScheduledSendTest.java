package routes.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import routes.notification.ValidNotification;
import routes.support.HubTest;
import routes.support.MovableClock;
import routes.support.Prometheus;

/**
 * Scheduled sends through the API and the Kafka intake: accepted at once (SCHEDULED), held in the
 * database, fanned out and delivered once sendAt comes. The hub's clock is moved ahead rather than
 * waited for.
 */
class ScheduledSendTest extends HubTest {

    @Autowired
    MovableClock clock;

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcClient db;

    @Test
    void aScheduledPushIsScheduledUntilItsSendAtAndThenDelivered() {
        String token = apnsToken(unique("later"));
        Instant sendAt = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

        Response accepted = post("/api/v1/notifications", notification(unique("evt"), userWithDevice("ios", token),
                ",\"channels\":[\"push\"],\"body\":\"Your sale starts now\",\"sendAt\":\"" + sendAt + "\""));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isEqualTo("SCHEDULED");
        String id = accepted.json().path("notificationId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> isHeld(id));
        JsonNode scheduled = get("/api/v1/notifications/" + id).json();
        assertThat(scheduled.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(scheduled.path("sendAt").asText())).isEqualTo(sendAt);
        assertThat(scheduled.path("body").asText()).isEqualTo("Your sale starts now");
        assertThat(scheduled.path("deliveries")).isEmpty();
        assertThat(sandbox(token)).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> Prometheus.sum(get("/actuator/prometheus").body(),
                "notify_held_rows", Map.of("kind", "scheduled")) >= 1);

        clock.moveAhead(Duration.between(clock.instant(), sendAt).plusSeconds(1));

        assertThat(awaitSandbox(token, 1)).extracting(message -> message.path("body").asText())
                .containsExactly("Your sale starts now");
        JsonNode sent = awaitSettled(id);
        assertThat(sent.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(Instant.parse(sent.path("sendAt").asText())).as("kept once sent").isEqualTo(sendAt);
        assertThat(isHeld(id)).isFalse();
    }

    @Test
    void aScheduledRequestOnTheKafkaIntakeWaitsAsWell() {
        String token = apnsToken(unique("kafka-later"));
        String user = userWithDevice("ios", token);
        String eventId = unique("evt");
        Instant sendAt = clock.instant().plus(Duration.ofMinutes(30));

        sendToTopic("notify.requests", eventId, notification(eventId, user,
                ",\"channels\":[\"push\"],\"body\":\"From Kafka, later\",\"sendAt\":\"" + sendAt + "\""));

        String id = ValidNotification.idOf(eventId);
        await().atMost(Duration.ofSeconds(20)).until(() -> isHeld(id));
        assertThat(get("/api/v1/notifications/" + id).json().path("status").asText()).isEqualTo("SCHEDULED");

        clock.moveAhead(Duration.between(clock.instant(), sendAt).plusSeconds(1));

        assertThat(awaitSandbox(token, 1)).hasSize(1);
    }

    /**
     * What waits is a row in the database, not anything in memory: with no instance releasing
     * (route release-scheduled stopped, as while every worker is down), a notification past its
     * sendAt stays held and unsent; the next release that runs sends it.
     */
    @Test
    void aNotificationPastItsSendAtWhileNoReleaseRanIsSentByTheNextRelease() throws Exception {
        String token = apnsToken(unique("restart"));
        String user = userWithDevice("ios", token);
        Instant sendAt = clock.instant().plus(Duration.ofHours(1));
        camel.getRouteController().stopRoute("release-scheduled");
        String id;
        try {
            id = sendPush(user, ",\"body\":\"held through the outage\",\"sendAt\":\"" + sendAt + "\"");
            await().atMost(Duration.ofSeconds(20)).until(() -> isHeld(id));
            clock.moveAhead(Duration.between(clock.instant(), sendAt).plusSeconds(1));

            String markerToken = apnsToken(unique("marker"));
            sendPush(userWithDevice("ios", markerToken), ",\"body\":\"sent at once\"");
            awaitSandbox(markerToken, 1);
            assertThat(sandbox(token)).isEmpty();
            assertThat(isHeld(id)).isTrue();
        } finally {
            camel.getRouteController().startRoute("release-scheduled");
        }

        assertThat(awaitSandbox(token, 1)).hasSize(1);
        assertThat(awaitSettled(id).path("status").asText()).isEqualTo("DELIVERED");
    }

    /**
     * A release on an instance whose clock runs ahead of fan-out's publishes a notification whose
     * sendAt this fan-out still sees ahead: marked released, it is sent, not held again.
     */
    @Test
    void aReleasedNotificationIsSentThoughFanOutsClockHasNotReachedItsSendAt() {
        String token = apnsToken(unique("released"));
        String id = sendPush(userWithDevice("ios", token),
                ",\"body\":\"released\",\"sendAt\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"");
        await().atMost(Duration.ofSeconds(20)).until(() -> isHeld(id));
        // what a release does, on an instance whose clock is an hour ahead
        String record = db.sql("select record from scheduled_notification where notification_id = ?").param(id)
                .query(String.class).single();
        db.sql("delete from scheduled_notification where notification_id = ?").param(id).update();

        sendToTopic("notify.accepted", id, Map.of(ScheduledNotifications.RELEASED, "true"), record);

        assertThat(awaitSandbox(token, 1)).hasSize(1);
        assertThat(isHeld(id)).isFalse();
    }

    /** An erasure reaches what waits: the user leaves a shared scheduled notification, and one to them alone goes. */
    @Test
    void anErasedUserLeavesTheScheduledNotifications() {
        String erasedToken = apnsToken(unique("erased"));
        String keptToken = apnsToken(unique("kept"));
        String erased = userWithDevice("ios", erasedToken);
        String kept = userWithDevice("ios", keptToken);
        Instant sendAt = clock.instant().plus(Duration.ofHours(1));
        String alone = sendPush(erased, ",\"body\":\"alone\",\"sendAt\":\"" + sendAt + "\"");
        Response sharedAccepted = post("/api/v1/notifications", "{\"eventId\":\"" + unique("evt") + "\",\"userIds\":[\""
                + erased + "\",\"" + kept + "\"],\"channels\":[\"push\"],\"body\":\"shared\",\"sendAt\":\"" + sendAt + "\"}");
        String shared = sharedAccepted.json().path("notificationId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> isHeld(alone) && isHeld(shared));

        assertThat(call("DELETE", "/api/v1/users/" + erased, null).status()).isEqualTo(204);

        assertThat(isHeld(alone)).isFalse();
        assertThat(get("/api/v1/notifications/" + shared).json().path("userIds").toString())
                .isEqualTo("[\"" + kept + "\"]");
        clock.moveAhead(Duration.between(clock.instant(), sendAt).plusSeconds(1));
        assertThat(awaitSandbox(keptToken, 1)).hasSize(1);
        assertThat(sandbox(erasedToken)).isEmpty();
    }

    @Test
    void aSendAtNowOrPastBeyond30DaysOrNotAnInstantIsA400NamingTheField() {
        String user = userWithDevice("ios", apnsToken(unique("bad")));
        Instant now = clock.instant();
        for (String sendAt : new String[] {now.minusSeconds(60).toString(),
                now.plus(Duration.ofDays(31)).toString(), "tomorrow at nine"}) {
            Response refused = post("/api/v1/notifications",
                    notification(unique("evt"), user, ",\"body\":\"hi\",\"sendAt\":\"" + sendAt + "\""));
            assertThat(refused.status()).as(sendAt).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("sendAt");
        }
    }

    private boolean isHeld(String notificationId) {
        return db.sql("select count(*) from scheduled_notification where notification_id = ?")
                .param(notificationId).query(Long.class).single() == 1;
    }
}
