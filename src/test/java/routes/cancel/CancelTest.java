package routes.cancel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import routes.sandbox.SandboxTwilioServer;
import routes.support.HubClient;
import routes.support.HubTest;
import routes.support.MovableClock;

/**
 * Canceling a notification through the API: a scheduled one is never fanned out; deliveries still
 * queued, held for quiet hours or waiting to be tried again are CANCELED and never reach their
 * peers; one wholly sent is a 409, an unknown one (or another client's) a 404.
 */
class CancelTest extends HubTest {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @Autowired
    MovableClock clock;

    @Autowired
    CamelContext camel;

    @Autowired
    SandboxTwilioServer twilio;

    @Autowired
    JdbcClient db;

    @Test
    void aCanceledScheduledNotificationIsNeverSent() {
        String token = apnsToken(unique("never"));
        Instant sendAt = clock.instant().plus(Duration.ofHours(3));
        String id = sendPush(userWithDevice("ios", token), ",\"body\":\"never\",\"sendAt\":\"" + sendAt + "\"");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("SCHEDULED"));

        Response canceled = cancel(id);

        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.json().path("status").asText()).isEqualTo("CANCELED");
        clock.moveAhead(Duration.between(clock.instant(), sendAt).plusSeconds(1));
        assertNothingReaches(token);
        assertThat(status(id)).isEqualTo("CANCELED");
        assertThat(cancel(id).status()).as("a repeated cancel succeeds").isEqualTo(200);
    }

    @Test
    void aDeliveryHeldForQuietHoursIsCanceledAndNotSentWhenTheWindowEnds() {
        String token = apnsToken(unique("quiet"));
        String id = sendPush(quietUser(token), ",\"body\":\"at dawn\"");
        awaitDelivery(id, "DEFERRED");

        Response canceled = cancel(id);

        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.json().path("status").asText()).isEqualTo("CANCELED");
        assertThat(canceled.json().path("deliveries").path(0).path("status").asText()).isEqualTo("CANCELED");
        clock.moveAhead(Duration.ofHours(3));
        assertNothingReaches(token);
        assertThat(awaitDelivery(id, "CANCELED").path("attempts").asInt()).isZero();
    }

    /**
     * A delivery published to its provider's topic just before the cancel (released from quiet
     * hours that moment) reaches a worker that reads nothing for it: the worker drops it, knowing
     * the notification canceled.
     */
    @Test
    void aDeliveryReleasedJustBeforeTheCancelIsDroppedByItsWorker() {
        String token = apnsToken(unique("released"));
        String user = quietUser(token);
        String id = sendPush(user, ",\"body\":\"released\"");
        String deliveryId = awaitDelivery(id, "DEFERRED").path("deliveryId").asText();
        String record = db.sql("select record from deferred_delivery where delivery_id = ?").param(deliveryId)
                .query(String.class).single();

        assertThat(cancel(id).status()).isEqualTo(200);
        sendToTopic("notify.apns", user, record);

        assertNothingReaches(token);
        assertThat(awaitDelivery(id, "CANCELED").path("attempts").asInt()).isZero();
    }

    /** A delivery already on its provider's topic when its notification is canceled is dropped by the worker. */
    @Test
    void aQueuedDeliveryIsDroppedByItsWorker() throws Exception {
        String token = apnsToken(unique("queued"));
        String user = userWithDevice("ios", token);
        camel.getRouteController().stopRoute("deliver-apns");
        String id;
        try {
            id = sendPush(user, ",\"body\":\"on the topic\"");
            awaitDelivery(id, "QUEUED");
            assertThat(cancel(id).status()).isEqualTo(200);
        } finally {
            camel.getRouteController().startRoute("deliver-apns");
        }
        assertNothingReaches(token);
        assertThat(awaitDelivery(id, "CANCELED").path("attempts").asInt()).isZero();
    }

    @Test
    void aDeliveryWaitingToBeTriedAgainIsNotTriedAgain() {
        String phone = koreanMobile();
        twilio.failNext(phone, 1, 429, Duration.ofSeconds(4));
        // SENS cannot carry the emoji, so nothing fails over: the delivery waits for Twilio
        String id = notifyOn("sms", userWithPhone(phone), ",\"body\":\"곧 도착해요 🚚\"");
        awaitDelivery(id, "RETRYING");

        assertThat(cancel(id).status()).isEqualTo(200);

        // the retry falls due within seconds: the worker drops it
        await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(sandbox(phone)).isEmpty();
        assertThat(awaitDelivery(id, "CANCELED").path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aNotificationWhollySentIsAConflict() {
        String token = apnsToken(unique("sent"));
        String id = sendPush(userWithDevice("ios", token), ",\"body\":\"already there\"");
        awaitSettled(id);

        Response refused = cancel(id);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(status(id)).isEqualTo("DELIVERED");
    }

    @Test
    void anUnknownNotificationOrAnotherClientsIsNotFound() {
        assertThat(cancel(UUID.randomUUID().toString()).status()).isEqualTo(404);

        String id = sendPush(userWithDevice("ios", apnsToken(unique("mine"))),
                ",\"body\":\"mine\",\"sendAt\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("SCHEDULED"));
        HubClient admin = new HubClient(port, KEY);
        String otherKey = admin.issueKey(admin.createClient(unique("other"), "send"), null).path("key").asText();

        Response refused = call("DELETE", "/api/v1/notifications/" + id, null, otherKey);

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(status(id)).isEqualTo("SCHEDULED");
    }

    /** A new user with one device, whose quiet hours (in Seoul) began an hour ago and end in two. */
    private String quietUser(String token) {
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        String user = userWithDevice("ios", token);
        LocalTime now = clock.instant().atZone(seoul).toLocalTime();
        assertThat(put("/api/v1/users/" + user, "{\"timezone\": \"" + seoul + "\"}").status()).isEqualTo(200);
        assertThat(put("/api/v1/users/" + user + "/preferences", "{\"quietHours\": {\"start\": \""
                + now.minusHours(1).format(HH_MM) + "\", \"end\": \"" + now.plusHours(2).format(HH_MM) + "\"}}")
                .status()).isEqualTo(200);
        return user;
    }

    private Response cancel(String notificationId) {
        return call("DELETE", "/api/v1/notifications/" + notificationId, null);
    }

    private String status(String notificationId) {
        return get("/api/v1/notifications/" + notificationId).json().path("status").asText();
    }

    /** A push sent after everything before it has had its chance: once it arrived, nothing reached {@code token}. */
    private void assertNothingReaches(String token) {
        String marker = apnsToken(unique("marker"));
        sendPush(userWithDevice("ios", marker), ",\"body\":\"after\"");
        awaitSandbox(marker, 1);
        // the release routes poll every second
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(sandbox(token)).isEmpty();
    }
}
