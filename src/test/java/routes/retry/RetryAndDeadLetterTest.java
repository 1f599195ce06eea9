package routes.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import routes.sandbox.SandboxAlertReceiver;
import routes.sandbox.SandboxMailServer;
import routes.sandbox.SandboxTwilioServer;
import routes.support.HubTest;

/**
 * Transient failures are tried again until they succeed or the attempts run out; what runs out is
 * dead-lettered, alerted and can be replayed. The SMTP peer (GreenMail) is stopped to make the
 * email provider unreachable: its connections are refused, as a real outage refuses them.
 */
class RetryAndDeadLetterTest extends HubTest {

    @Autowired
    SandboxMailServer smtp;

    @Autowired
    JdbcClient db;

    @Autowired
    CamelContext camel;

    @Autowired
    SandboxTwilioServer twilio;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void emailOutageParksDeliveriesBehindTheOpenCircuitAndEachArrivesOnceAfterIt() {
        String address = unique("outage") + "@example.com";
        String user = userWithEmail(address);
        List<String> notifications = new ArrayList<>();
        smtp.stop();
        try {
            for (int i = 0; i < 6; i++) {
                notifications.add(notifyOn("email", user, ",\"body\":\"during the outage " + i + "\""));
            }
            // Enough refused connections open the email circuit: later attempts do not even try.
            await().atMost(Duration.ofSeconds(10)).until(() -> notifications.stream()
                    .map(id -> delivery(id).path("reason").asText()).anyMatch("CIRCUIT_OPEN"::equals));
            // Health names the open circuit (without failing a probe).
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> "open".equals(
                    call("GET", "/actuator/health/circuits", null, null).json().path("components")
                            .path("circuitBreakers").path("details").path("email-breaker").asText()));
            assertThat(call("GET", "/actuator/health/readiness", null, null).status()).isEqualTo(200);
            // Push flows on untouched while email is down.
            String token = apnsToken(unique("unaffected"));
            sendPush(userWithDevice("ios", token), ",\"body\":\"push still works\"");
            assertThat(awaitSandbox(token, 1)).hasSize(1);
        } finally {
            smtp.start();
        }

        for (String id : notifications) {
            JsonNode delivery = awaitDelivery(id, "SENT");
            assertThat(delivery.path("attempts").asInt()).isBetween(2, 7);
            assertThat(delivery.path("lastError").asText()).isNotBlank();
        }
        JsonNode received = awaitSandbox(address, 6);
        assertThat(received).hasSize(6);
        assertThat(StreamSupport.stream(received.spliterator(), false).map(m -> m.path("deliveryId").asText())
                .distinct()).hasSize(6);
    }

    @Test
    void retryAfterFromTheProviderIsWaitedOut() {
        String phone = koreanMobile();
        twilio.failNext(phone, 1, 429, Duration.ofSeconds(2));
        long before = System.currentTimeMillis();

        // SENS cannot carry the emoji, so nothing fails over: the delivery waits for Twilio.
        JsonNode delivery = awaitDelivery(notifyOn("sms", userWithPhone(phone), ",\"body\":\"곧 도착해요 🚚\""), "SENT");

        assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.path("lastError").asText()).contains("HTTP 429", "retry after 2s");
        JsonNode received = awaitSandbox(phone, 1);
        assertThat(received).hasSize(1);
        assertThat(java.time.Instant.parse(received.get(0).path("receivedAt").asText()).toEpochMilli() - before)
                .isGreaterThanOrEqualTo(2000);
    }

    /**
     * A provider asking for an hour, or by its date for a day, leaves its delivery RETRYING with
     * that due time, and holds no retry worker for it: the record goes round its retry topic (held
     * at most notify.retry.max-delay, 1 s here, each time) while the deliveries behind it are
     * served, one due in 2 s among them, which goes round once and is sent once when due.
     */
    @Test
    void aProviderAskingForHoursLeavesItsDeliveryWaitingWhileTheRetryWorkerServesOthers() {
        // three failed calls, fewer than the SMS breaker's minimum of five: it stays closed
        CircuitBreaker breaker = breakers.circuitBreaker("sms-breaker");
        breaker.reset();
        try {
            // SENS cannot carry the emoji, so nothing fails over: each delivery waits for Twilio.
            String body = ",\"body\":\"조금 있다가 ⏰\"";
            String inAnHour = koreanMobile();
            String tomorrow = koreanMobile();
            String soon = koreanMobile();
            Instant dayAhead = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            twilio.failNext(inAnHour, 1, 429, Duration.ofHours(1));
            twilio.failNextUntil(tomorrow, 1, 503, dayAhead);
            twilio.failNext(soon, 1, 429, Duration.ofSeconds(2));
            Instant asked = Instant.now();

            String hourId = notifyOn("sms", userWithPhone(inAnHour), body);
            String dayId = notifyOn("sms", userWithPhone(tomorrow), body);
            JsonNode waitingAnHour = awaitDelivery(hourId, "RETRYING");
            JsonNode waitingADay = awaitDelivery(dayId, "RETRYING");
            assertThat(waitingAnHour.path("lastError").asText()).contains("retry after 3600s");
            assertThat(Instant.parse(waitingAnHour.path("nextAttemptAt").asText()))
                    .isBetween(asked.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
            assertThat(Instant.parse(waitingADay.path("nextAttemptAt").asText()))
                    .isCloseTo(dayAhead, within(2, ChronoUnit.SECONDS));

            // behind the two that wait, the retry worker serves one due in 2 s
            long before = System.currentTimeMillis();
            String soonId = notifyOn("sms", userWithPhone(soon), body);
            JsonNode sent = awaitDelivery(soonId, "SENT");
            assertThat(sent.path("attempts").asInt()).isEqualTo(2);
            assertThat(sent.has("nextAttemptAt")).isFalse();
            JsonNode received = awaitSandbox(soon, 1);
            assertThat(received).hasSize(1);
            assertThat(Instant.parse(received.get(0).path("receivedAt").asText()).toEpochMilli() - before)
                    .isGreaterThanOrEqualTo(2000);

            // the long waits go round the retry topic, still RETRYING with their due times, nothing sent
            String hourDelivery = waitingAnHour.path("deliveryId").asText();
            assertThat(awaitRecords("notify.sms.retry", hourDelivery, 3)).hasSizeGreaterThanOrEqualTo(3);
            assertThat(delivery(hourId)).isEqualTo(waitingAnHour);
            assertThat(delivery(dayId)).isEqualTo(waitingADay);
            assertThat(sandbox(inAnHour)).isEmpty();
            assertThat(sandbox(tomorrow)).isEmpty();
            assertThat(deadLetter(hourDelivery, "sms")).isNull();
        } finally {
            // the two still waiting fail nothing more; the next test starts with a closed breaker
            breaker.reset();
        }
    }

    /**
     * Stopping a retry worker (an operator in Hawtio, or the hub shutting down) does not wait for
     * the delivery it holds until due: it is given back uncommitted, held again once the worker
     * runs, and sent once when due.
     */
    @Test
    void aRetryHeldWhenItsWorkerStopsIsHeldAgainAndSentOnceWhenDue() throws Exception {
        String phone = koreanMobile();
        twilio.failNext(phone, 1, 429, Duration.ofSeconds(8));
        long before = System.currentTimeMillis();
        String notificationId = notifyOn("sms", userWithPhone(phone), ",\"body\":\"잠시만요 ⏳\"");
        awaitDelivery(notificationId, "RETRYING");
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getInflightRepository().size("retry-sms") == 1);

        long stopping = System.nanoTime();
        camel.getRouteController().stopRoute("retry-sms");
        try {
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
        } finally {
            camel.getRouteController().startRoute("retry-sms");
        }

        JsonNode delivery = awaitDelivery(notificationId, "SENT");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
        JsonNode received = awaitSandbox(phone, 1);
        assertThat(received).hasSize(1);
        assertThat(java.time.Instant.parse(received.get(0).path("receivedAt").asText()).toEpochMilli() - before)
                .isGreaterThanOrEqualTo(8000);
    }

    @Test
    void refusalIsNeverRetried() {
        String phone = koreanMobile();
        twilio.refuseNumber(phone);
        String id = notifyOn("sms", userWithPhone(phone), ",\"body\":\"hello\"");

        assertThat(awaitDelivery(id, "FAILED").path("attempts").asInt()).isEqualTo(1);
        // A retry would be a second attempt; none may come within 2 s, twice the longest backoff
        // these tests configure (notify.retry.max-delay=1s).
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(delivery(id).path("status").asText()).isEqualTo("FAILED");
            assertThat(delivery(id).path("attempts").asInt()).isEqualTo(1);
        });
    }

    @Test
    void deliveryFailingEveryAttemptIsDeadLetteredAlertedAndCanBeReplayed() {
        String address = unique("doomed") + "@example.com";
        String user = userWithEmail(address);
        String id;
        JsonNode dead;
        smtp.stop();
        try {
            id = notifyOn("email", user, ",\"body\":\"eight times unlucky\"");
            dead = awaitDelivery(id, "DEAD_LETTERED");
        } finally {
            smtp.start();
        }
        String deliveryId = dead.path("deliveryId").asText();
        assertThat(dead.path("attempts").asInt()).isEqualTo(8);

        // The operator's webhook heard of it, without the message's content.
        await().atMost(Duration.ofSeconds(10)).until(() -> alertsFor(deliveryId).size() == 1);
        JsonNode alert = alertsFor(deliveryId).get(0);
        assertThat(alert.path("data").path("attempts").asText()).isEqualTo("8");
        assertThat(alert.path("data").path("provider").asText()).isEqualTo("email");
        assertThat(alert.toString()).doesNotContain("eight times unlucky");

        // It is listed with its history and parked on the dead-letter topic with its reason.
        JsonNode listed = deadLetter(deliveryId, "email");
        assertThat(listed.path("attempts").asInt()).isEqualTo(8);
        assertThat(listed.path("history")).hasSize(8);
        assertThat(deadLetter(deliveryId, "push")).isNull();
        var parked = awaitRecords("notify.email.dlq", deliveryId, 1);
        assertThat(header(parked.get(0), "notify.dlq.reason")).startsWith("DEAD_LETTERED");

        // Replayed at once, while the breaker its failures opened may still be open: a replay gets a
        // fresh run of attempts, so CIRCUIT_OPEN only delays it.
        Response replayed = post("/api/v1/admin/dead-letters/" + deliveryId + "/replay", null);
        assertThat(replayed.status()).isEqualTo(202);
        assertThat(replayed.json().path("status").asText()).isEqualTo("QUEUED");
        JsonNode audited = get("/api/v1/admin/audit?limit=1").json().path("entries").get(0);
        assertThat(audited.path("action").asText()).isEqualTo("dead-letter.replayed");
        assertThat(audited.path("target").asText()).isEqualTo(deliveryId);
        assertThat(audited.path("clientId").asText()).isEqualTo("configured");

        JsonNode sent = awaitDelivery(id, "SENT");
        assertThat(sent.path("attempts").asInt()).isGreaterThanOrEqualTo(9);
        assertThat(awaitSandbox(address, 1)).hasSize(1);
        assertThat(deadLetter(deliveryId, "email")).isNull();
        assertThat(post("/api/v1/admin/dead-letters/" + deliveryId + "/replay", null).status()).isEqualTo(404);
    }

    /**
     * The moment between a worker logging DEAD_LETTERED and the dead-letters route keeping the dead
     * letter, made to last: the outcome of a delivery that was sent is set to DEAD_LETTERED with
     * no dead letter kept.
     */
    @Test
    void aDeliveryDeadLetteredButNotKeptYetIsAnswered409WithRetryAfterRatherThan404() {
        String address = unique("not-kept-yet") + "@example.com";
        String id = notifyOn("email", userWithEmail(address), ",\"body\":\"just dead-lettered\"");
        String deliveryId = awaitDelivery(id, "SENT").path("deliveryId").asText();
        db.sql("update delivery_outcome set status = 'DEAD_LETTERED' where delivery_id = ?").param(deliveryId).update();

        Response early = post("/api/v1/admin/dead-letters/" + deliveryId + "/replay", null);

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.header("Retry-After")).isEqualTo("1");
        assertThat(early.json().path("detail").asText()).contains("not kept for replay yet");
        assertThat(post("/api/v1/admin/dead-letters/unknown-delivery/replay", null).status()).isEqualTo(404);
    }

    @Test
    void deadLetterListingRefusesAnUnknownChannel() {
        Response refused = get("/api/v1/admin/dead-letters?channel=pigeon");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText()).contains("channel");
    }

    private String userWithEmail(String address) {
        String user = unique("mail-user");
        assertThat(put("/api/v1/users/" + user, "{\"email\":\"" + address + "\"}").status()).isEqualTo(200);
        return user;
    }

    private JsonNode delivery(String notificationId) {
        return get("/api/v1/notifications/" + notificationId).json().path("deliveries").path(0);
    }

    private List<JsonNode> alertsFor(String deliveryId) {
        List<JsonNode> alerts = new ArrayList<>();
        sandbox(SandboxAlertReceiver.RECIPIENT).forEach(alert -> {
            if (alert.path("deliveryId").asText().equals(deliveryId)) {
                alerts.add(alert);
            }
        });
        return alerts;
    }

    private JsonNode deadLetter(String deliveryId, String channel) {
        Response listing = get("/api/v1/admin/dead-letters?channel=" + channel);
        assertThat(listing.status()).isEqualTo(200);
        for (JsonNode deadLetter : listing.json().path("deadLetters")) {
            if (deadLetter.path("deliveryId").asText().equals(deliveryId)) {
                return deadLetter;
            }
        }
        return null;
    }
}
