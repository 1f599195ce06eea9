package routes.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import routes.support.HubTest;

/** Producers that prefer Kafka send the same JSON to notify.requests; what is bad is parked, not lost. */
class KafkaIntakeTest extends HubTest {

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
