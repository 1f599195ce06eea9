package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import routes.sandbox.SandboxMailServer;
import routes.sandbox.SandboxTwilioServer;
import routes.support.HubTest;
import routes.support.MovableClock;

/**
 * Fan-out has an urgent lane (notify.accepted) and a bulk lane (notify.accepted.bulk), and so does
 * each provider (notify.<provider> for high priority, notify.<provider>.bulk for normal and bulk),
 * each with its own consumer: a bulk backlog never holds up what must arrive now, and a delivery's
 * retries and replays come back to its own lane.
 */
class LanesTest extends HubTest {

    @Autowired
    CamelContext camel;

    @Autowired
    SandboxTwilioServer twilio;

    @Autowired
    SandboxMailServer smtp;

    @Autowired
    MovableClock clock;

    /**
     * Bulk notifications wait while their lane's fan-out or their provider's bulk worker is
     * stopped; a high-priority push sent after them arrives meanwhile, and the backlog after it.
     */
    @ParameterizedTest
    @CsvSource({"fan-out-bulk, notify.accepted.bulk", "deliver-apns-bulk, notify.apns.bulk"})
    void aHighPriorityPushOvertakesABulkBacklog(String stoppedRoute, String backlogTopic) throws Exception {
        String bulkToken = apnsToken(unique("newsletter"));
        String bulkUser = userWithDevice("ios", bulkToken);
        String urgentToken = apnsToken(unique("otp"));
        List<String> backlog = new ArrayList<>();
        camel.getRouteController().stopRoute(stoppedRoute);
        try {
            for (int i = 0; i < 20; i++) {
                backlog.add(sendPush(bulkUser, ",\"priority\":\"bulk\",\"body\":\"newsletter " + i + "\""));
            }
            awaitRecords(backlogTopic, backlog.getLast(), 1);

            String otp = sendPush(userWithDevice("ios", urgentToken), ",\"priority\":\"high\",\"body\":\"your code\"");
            assertThat(awaitSandbox(urgentToken, 1)).hasSize(1);
            assertThat(awaitRecords("notify.accepted", otp, 1)).hasSize(1);
            assertThat(awaitRecords("notify.apns", otp, 1)).hasSize(1);
            assertThat(sandbox(bulkToken)).isEmpty();
        } finally {
            camel.getRouteController().startRoute(stoppedRoute);
        }
        assertThat(awaitSandbox(bulkToken, 20)).hasSize(20);
        assertThat(awaitDelivery(backlog.getFirst(), "SENT").path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void normalPriorityTakesTheBulkLane() {
        String token = unique("android-normal");
        String id = sendPush(userWithDevice("android", token), ",\"priority\":\"normal\",\"body\":\"no hurry\"");
        assertThat(awaitSandbox(token, 1)).hasSize(1);
        assertThat(awaitRecords("notify.accepted.bulk", id, 1)).hasSize(1);
        assertThat(awaitRecords("notify.fcm.bulk", id, 1)).hasSize(1);
    }

    /** Released at its sendAt, a scheduled notification goes back to the fan-out lane intake chose. */
    @Test
    void aScheduledBulkNotificationIsReleasedToTheBulkLane() {
        String token = apnsToken(unique("scheduled-digest"));
        Instant sendAt = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String id = sendPush(userWithDevice("ios", token),
                ",\"priority\":\"bulk\",\"body\":\"digest\",\"sendAt\":\"" + sendAt + "\"");
        awaitRecords("notify.accepted.bulk", id, 1);

        clock.moveAhead(Duration.between(clock.instant(), sendAt).plusSeconds(1));

        assertThat(awaitSandbox(token, 1)).hasSize(1);
        var released = awaitRecords("notify.accepted.bulk", id, 2);
        assertThat(header(released.get(1), "notify.released")).isEqualTo("true");
        assertThat(awaitRecords("notify.apns.bulk", id, 1)).hasSize(1);
    }

    @Test
    void aBulkDeliveryRetriedComesBackToTheBulkLane() {
        String phone = koreanMobile();
        twilio.failNext(phone, 1, 429, Duration.ofSeconds(1));

        // SENS cannot carry the emoji, so nothing fails over: the delivery waits for Twilio.
        String id = notifyOn("sms", userWithPhone(phone), ",\"priority\":\"bulk\",\"body\":\"할인 소식 🛍\"");
        JsonNode delivery = awaitDelivery(id, "SENT");

        assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
        var retried = awaitRecords("notify.sms.retry", id, 1);
        assertThat(header(retried.getFirst(), "notify.lane")).isEqualTo("bulk");
        var onTheLane = awaitRecords("notify.sms.bulk", id, 2);
        assertThat(header(onTheLane.get(1), "notify.recheck")).isEqualTo("true");
        assertThat(awaitSandbox(phone, 1)).hasSize(1);
    }

    @Test
    void aReplayedBulkDeadLetterComesBackToTheBulkLane() {
        String address = unique("digest") + "@example.com";
        String user = unique("mail-user");
        assertThat(put("/api/v1/users/" + user, "{\"email\":\"" + address + "\"}").status()).isEqualTo(200);
        String id;
        String deliveryId;
        smtp.stop();
        try {
            id = notifyOn("email", user, ",\"priority\":\"bulk\",\"body\":\"weekly digest\"");
            deliveryId = awaitDelivery(id, "DEAD_LETTERED").path("deliveryId").asText();
        } finally {
            smtp.start();
        }
        // listed once the dead-letters route kept it, shortly after its outcome was logged
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/admin/dead-letters?channel=email").body()
                .contains(deliveryId));
        assertThat(post("/api/v1/admin/dead-letters/" + deliveryId + "/replay", null).status()).isEqualTo(202);

        assertThat(awaitDelivery(id, "SENT").path("attempts").asInt()).isGreaterThanOrEqualTo(9);
        assertThat(awaitSandbox(address, 1)).hasSize(1);
        // its first attempt and the replay both on the bulk lane; every retry in between too
        assertThat(awaitRecords("notify.email.bulk", deliveryId, 9)).hasSizeGreaterThanOrEqualTo(9);
    }
}
