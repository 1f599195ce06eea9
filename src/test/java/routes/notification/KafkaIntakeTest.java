package routes.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import routes.support.HubTest;

/** Producers that prefer Kafka send the same JSON to notify.requests; what is bad is parked, not lost. */
class KafkaIntakeTest extends HubTest {

    @Autowired
    CamelContext camel;

    @Test
    void requestOnKafkaIsDeliveredLikeOneOverRest() throws Exception {
        String user = unique("kafka-user");
        String token = apnsToken("ios-" + user);
        put("/api/v1/users/" + user, "{}");
        post("/api/v1/users/" + user + "/devices", "{\"platform\":\"ios\",\"token\":\"" + token + "\"}");

        send(notification(unique("evt"), user, ",\"title\":\"카프카\",\"body\":\"안녕하세요 👋\""));

        var messages = awaitSandbox(token, 1);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("title").asText()).isEqualTo("카프카");
        assertThat(messages.get(0).path("body").asText()).isEqualTo("안녕하세요 👋");
    }

    @Test
    void unparsableAndInvalidRequestsAreParkedWithTheirReason() throws Exception {
        String marker = UUID.randomUUID().toString();
        String broken = "{\"eventId\":\"" + marker + "\", not json";
        String invalid = "{\"eventId\":\"" + marker + "\",\"userId\":\"someone\"}";

        send(broken);
        send(invalid);

        List<ConsumerRecord<String, String>> parked = awaitParked(marker, 2);
        assertThat(parked).extracting(ConsumerRecord::value).containsExactly(broken, invalid);
        assertThat(reason(parked.get(0))).isNotBlank();
        assertThat(reason(parked.get(1))).contains("body");
    }

    /**
     * A rolling deploy stops intake while a poll's worth of requests is still being worked
     * through: the ones it had not reached are taken up when intake starts again, none lost.
     */
    @Test
    void requestsPolledWhenIntakeStopsAreTakenUpWhenItStartsAgain() throws Exception {
        String token = apnsToken(unique("intake-stop"));
        String user = userWithDevice("ios", token);
        int requests = 800;
        String[] requestsInOnePoll = new String[requests];
        for (int i = 0; i < requests; i++) {
            requestsInOnePoll[i] = notification(unique("evt"), user, ",\"body\":\"request " + i + "\"");
        }
        try (var accepted = new Tally("notify.accepted", user)) {
            sendToTopic("notify.requests", null, requestsInOnePoll);
            // intake has begun on them: the first is accepted
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.count() >= 1);
            try {
                camel.getRouteController().stopRoute("intake-kafka");
                // stopped means done: whatever intake accepted is on notify.accepted by now
                assertThat(accepted.count()).as("requests accepted before intake stopped").isLessThan(requests);
            } finally {
                camel.getRouteController().startRoute("intake-kafka");
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox(token).size() >= requests);
        assertThat(sandbox(token)).hasSize(requests);
    }

    /** Counts the records on a topic that contain a marker, reading from its beginning to its end as it is now. */
    private final class Tally implements AutoCloseable {
        private final String marker;
        private final KafkaConsumer<String, String> consumer;
        private long count;

        Tally(String topic, String marker) {
            this.marker = marker;
            this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers()),
                    new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        long count() {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() != null && record.value().contains(marker)) {
                        count++;
                    }
                }
            }
            return count;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private void send(String json) {
        sendToTopic("notify.requests", null, json);
    }

    private List<ConsumerRecord<String, String>> awaitParked(String marker, int count) {
        return awaitRecords("notify.requests.dlq", marker, count);
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return header(record, "notify.dlq.reason");
    }
}
