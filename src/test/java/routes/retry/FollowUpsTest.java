package routes.retry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;
import routes.delivery.Channel;
import routes.delivery.Delivery;
import routes.delivery.DeliveryStatus;
import routes.delivery.Outcome;
import routes.delivery.Provider;
import routes.notification.Priority;

/** Which of a worker's outcomes travel on to the retry topic and which to the dead-letter topic. */
class FollowUpsTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final FollowUps followUps = new FollowUps(json);
    private final Exchange batch = new DefaultExchange(new DefaultCamelContext());

    private static Delivery delivery(String id, DeliveryStatus status) {
        return new Delivery(id, "n-1", "user-" + id, Channel.SMS, Provider.SMS, null, "+821012345678", null, null,
                "hi", Map.of(), Priority.NORMAL, null, false, Instant.parse("2026-01-01T00:00:00Z"), null, status,
                null, 2, 1, null, null, null, null, null);
    }

    private final List<Outcome> outcomes = List.of(
            new Outcome("sent", DeliveryStatus.SENT, null, 1, null, "m-1", null),
            new Outcome("again", DeliveryStatus.RETRYING, "twilio:503", 1, "503", null,
                    delivery("again", DeliveryStatus.RETRYING)),
            new Outcome("dead", DeliveryStatus.DEAD_LETTERED, "twilio:503", 1, "503", null,
                    delivery("dead", DeliveryStatus.DEAD_LETTERED)));

    @Test
    void onlyTheNextAttemptsGoToTheRetryTopicKeyedByUser() throws Exception {
        List<Message> retries = followUps.retries(outcomes, batch);

        assertThat(retries).hasSize(1);
        assertThat(retries.getFirst().getHeader(KafkaConstants.KEY)).isEqualTo("user-again");
        assertThat(json.readValue(retries.getFirst().getBody(String.class), Delivery.class).deliveryId())
                .isEqualTo("again");
    }

    @Test
    void whatWasGivenUpAndUnreadableRecordsGoToTheDeadLetterTopicWithTheirReason() throws Exception {
        Message unreadable = new DefaultMessage(batch);
        unreadable.setBody("not json");
        unreadable.setHeader(FollowUps.REASON, "UNREADABLE: not a delivery");

        List<Message> parked = followUps.parked(outcomes, List.of(unreadable), batch);

        assertThat(parked).extracting(message -> message.getHeader(FollowUps.REASON))
                .containsExactly("DEAD_LETTERED: twilio:503", "UNREADABLE: not a delivery");
        assertThat(parked.getFirst().getHeader(KafkaConstants.KEY)).isEqualTo("user-dead");
    }
}
