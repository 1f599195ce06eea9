package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import routes.support.HubTest;

/**
 * Kafka delivers at least once: after a crash or a rebalance a worker reads records again, and a
 * notification or delivery can be published again. Each attempt is made once, and a record that is not a delivery at all is
 * parked on the dead-letter topic instead of stopping (or looping) its worker.
 */
class RedeliveryTest extends HubTest {

    @Autowired
    CamelContext camel;

    /**
     * A worker that crashed or lost its partitions before committing leaves records another
     * consumer reads again: below where the partition stood when it was assigned, each is checked
     * against the delivery log.
     */
    @Test
    void deliveryReadAgainAfterItsWorkerRestartedIsNotSentAgain() {
        assertCopiesAreNotSent(record -> {
            try {
                camel.getRouteController().stopRoute("deliver-apns");
                sendToTopic("notify.apns", record.key(), record.value(), record.value());
                camel.getRouteController().startRoute("deliver-apns");
            } catch (Exception e) {
                throw new AssertionError("could not restart deliver-apns", e);
            }
        });
    }

    /** A delivery published again (by a retry worker or fan-out reading its input again) is marked, and checked. */
    @Test
    void deliveryPublishedAgainIsNotSentAgain() {
        assertCopiesAreNotSent(record -> sendToTopic("notify.apns", record.key(),
                Map.of("notify.recheck", "true"), record.value(), record.value()));
    }

    /** A push is sent, copies of its record arrive as {@code publishCopies} puts them, and it is still sent once. */
    private void assertCopiesAreNotSent(Consumer<ConsumerRecord<String, String>> publishCopies) {
        String token = apnsToken(unique("once"));
        String id = sendPush(userWithDevice("ios", token), ",\"body\":\"just once\"");
        String deliveryId = awaitDelivery(id, "SENT").path("deliveryId").asText();
        publishCopies.accept(awaitRecords("notify.apns", deliveryId, 1).get(0));

        String laterToken = apnsToken(unique("later"));
        sendPush(userWithDevice("ios", laterToken), ",\"body\":\"after the copies\"");
        awaitSandbox(laterToken, 1);
        assertThat(sandbox(token)).hasSize(1);
        assertThat(awaitDelivery(id, "SENT").path("attempts").asInt()).isEqualTo(1);
    }

    /**
     * A notification fan-out recorded already (published again by a client's retry, or re-read
     * after fan-out crashed) is not sent again.
     */
    @Test
    void notificationPublishedAgainAfterItWasDeliveredIsNotSentAgain() {
        String token = apnsToken(unique("accepted-again"));
        String user = userWithDevice("ios", token);
        String id = sendPush(user, ",\"body\":\"the original\"");
        awaitSettled(id);
        var record = awaitRecords("notify.accepted", id, 1).get(0);

        sendToTopic("notify.accepted", record.key(), record.value());
        sendPush(user, ",\"body\":\"after the copy\"");
        awaitSandbox(token, 2);

        assertThat(sandbox(token)).extracting(message -> message.path("body").asText())
                .containsExactlyInAnyOrder("the original", "after the copy");
        assertThat(awaitDelivery(id, "SENT").path("attempts").asInt()).isEqualTo(1);
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
        // the retry worker cannot tell when it is due: it passes it on, and the worker parks it
        String retried = "{\"deliveryId\":\"" + marker + "-retry\", not json either";
        sendToTopic("notify.fcm.retry", null, retried);

        String token = unique("after-garbage");
        sendPush(userWithDevice("android", token), ",\"body\":\"still delivered\"");
        assertThat(awaitSandbox(token, 1)).hasSize(1);

        var parked = awaitRecords("notify.fcm.dlq", marker, 3);
        assertThat(parked).extracting(r -> r.value()).contains(garbage, retried);
        assertThat(parked).allSatisfy(r -> assertThat(header(r, "notify.dlq.reason")).startsWith("UNREADABLE"));
    }
}
