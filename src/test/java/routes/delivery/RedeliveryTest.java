package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import routes.support.HubTest;

/**
 * Kafka delivers at least once: after a crash or a rebalance a worker reads records again. The
 * delivery log makes the effect exactly once, and a record that is not a delivery at all is
 * parked on the dead-letter topic instead of stopping (or looping) its worker.
 */
class RedeliveryTest extends HubTest {

    @Test
    void deliveryReadAgainIsNotSentAgain() throws InterruptedException {
        String token = apnsToken(unique("once"));
        String id = sendPush(userWithDevice("ios", token), ",\"body\":\"just once\"");
        String deliveryId = awaitDelivery(id, "SENT").path("deliveryId").asText();
        var record = awaitRecords("notify.apns", deliveryId, 1).get(0);

        // The same record twice more, as a consumer that crashed before committing would read it.
        sendToTopic("notify.apns", record.key(), record.value());
        sendToTopic("notify.apns", record.key(), record.value());
        String laterToken = apnsToken(unique("later"));
        sendPush(userWithDevice("ios", laterToken), ",\"body\":\"after the copies\"");
        awaitSandbox(laterToken, 1);

        assertThat(sandbox(token)).hasSize(1);
        JsonNode delivery = awaitDelivery(id, "SENT");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
    }

    /**
     * A client's retry can adopt a notification whose acceptor died after publishing it, and
     * publish it again: fan-out may meet both copies in one batch. Their deliveries go out once,
     * and fan-out goes on.
     */
    @Test
    void notificationPublishedTwiceIntoOneBatchIsDeliveredOnce() {
        String token = apnsToken(unique("published-twice"));
        String user = userWithDevice("ios", token);
        String original = sendPush(user, ",\"body\":\"the original\"");
        awaitSandbox(token, 1);
        var record = awaitRecords("notify.accepted", original, 1).get(0);

        // a notification fan-out has not met yet, published twice back to back
        String twice = record.value().replace(original, UUID.randomUUID().toString())
                .replace("the original", "published twice");
        sendToTopic("notify.accepted", record.key(), twice, twice);
        sendPush(user, ",\"body\":\"after the copies\"");

        awaitSandbox(token, 3);
        assertThat(sandbox(token)).extracting(message -> message.path("body").asText())
                .containsExactlyInAnyOrder("the original", "published twice", "after the copies");
    }

    @Test
    void unreadableRecordIsParkedAndTheWorkerGoesOn() {
        String marker = UUID.randomUUID().toString();
        String garbage = "{\"deliveryId\":\"" + marker + "\", this is not json";
        sendToTopic("notify.fcm", null, garbage);
        sendToTopic("notify.fcm", null, "{\"note\":\"" + marker + "\"}");

        String token = unique("after-garbage");
        sendPush(userWithDevice("android", token), ",\"body\":\"still delivered\"");
        assertThat(awaitSandbox(token, 1)).hasSize(1);

        var parked = awaitRecords("notify.fcm.dlq", marker, 2);
        assertThat(parked).extracting(r -> r.value()).contains(garbage);
        assertThat(parked).allSatisfy(r -> assertThat(header(r, "notify.dlq.reason")).startsWith("UNREADABLE"));
    }
}
