package routes.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import routes.kafka.KafkaBootstrap;
import routes.support.HubTest;

/** Producers that prefer Kafka send the same JSON to notify.requests; what is bad is parked, not lost. */
class KafkaIntakeTest extends HubTest {

    @Autowired
    KafkaBootstrap kafka;

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

    private void send(String json) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("notify.requests", json)).get();
        }
    }

    private List<ConsumerRecord<String, String>> awaitParked(String marker, int count) {
        List<ConsumerRecord<String, String>> parked = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + marker,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("notify.requests.dlq"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value().contains(marker)) {
                        parked.add(record);
                    }
                });
                return parked.size() >= count;
            });
        }
        return parked;
    }

    private static String reason(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("notify.dlq.reason");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
